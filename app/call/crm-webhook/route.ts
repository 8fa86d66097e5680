// POST /call/crm-webhook – the same endpoint at CallKaro's path, so URLs written for it work unchanged
export { HEAD, POST } from "@/app/api/call/crm-webhook/route";
