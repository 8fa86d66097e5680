/**
 * A JSON answer too small to be worth compressing. Next gzips every response (it drops a route's Content-Length, so
 * the 1 KiB threshold never applies), which on a webhook's few hundred bytes costs more CPU than it saves;
 * `no-transform` tells its compression step, and any proxy, to pass the body as it is. Nothing here may be cached.
 */
export function smallJson(body: unknown, init: { status: number }): Response {
  return Response.json(body, { status: init.status, headers: { "cache-control": "no-store, no-transform" } });
}
