"use client";

import { ChevronDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import {
  useConnector,
  useRemoveConnector,
  useRotateConnectorSecret,
  useSetConnectorEnabled,
  type ConnectorView,
} from "@/lib/client/lead-sync";

/** More actions (seed 001, §6.3 and §9): enable or disable the sync, edit, view logs, rotate the secret or remove after a question. */
export function ConnectorActions({ initial }: { initial: ConnectorView }) {
  const router = useRouter();
  const { data: connector = initial } = useConnector(initial.id, initial);
  const toggle = useSetConnectorEnabled(connector.id);
  const remove = useRemoveConnector(connector.id);
  const rotate = useRotateConnectorSecret(connector.id);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const name = connector.config.name;

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const onRemove = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        router.push("/lead-sync");
        router.refresh();
      },
    });
  const onRotate = () =>
    rotate.mutate(undefined, {
      onSuccess: () => {
        setRotating(false);
        router.refresh();
      },
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={connector.enabled ? "active" : "disabled"} label={connector.enabled ? "sync on" : "sync off"} />
        <div className="relative" onKeyDown={(e) => e.key === "Escape" && open && close()}>
          <Button
            ref={opener}
            type="button"
            variant="secondary"
            aria-expanded={open}
            aria-controls="connector-actions"
            onClick={() => setOpen(!open)}
          >
            More actions
            <ChevronDown aria-hidden />
          </Button>
          {open && (
            <ul
              id="connector-actions"
              aria-label="More actions"
              className="absolute right-0 z-20 mt-1 flex w-56 flex-col rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
            >
              <li>
                <button
                  type="button"
                  className="w-full rounded px-3 py-2 text-left hover:bg-slate-100"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate(!connector.enabled, { onSuccess: () => (setOpen(false), router.refresh()) })}
                >
                  {connector.enabled ? "Disable sync" : "Enable sync"}
                </button>
              </li>
              <li>
                <Link
                  className="block rounded px-3 py-2 hover:bg-slate-100"
                  href={`/lead-sync/${connector.id}?tab=settings`}
                  onClick={() => setOpen(false)}
                >
                  Edit configuration
                </Link>
              </li>
              <li>
                <Link className="block rounded px-3 py-2 hover:bg-slate-100" href={`/lead-sync/${connector.id}/logs`}>
                  View logs
                </Link>
              </li>
              <li>
                <button
                  type="button"
                  className="w-full rounded px-3 py-2 text-left hover:bg-slate-100"
                  onClick={() => {
                    setOpen(false);
                    setRotating(true);
                  }}
                >
                  Rotate secret
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="w-full rounded px-3 py-2 text-left text-red-700 hover:bg-red-50"
                  onClick={() => {
                    setOpen(false);
                    setConfirming(true);
                  }}
                >
                  Remove configuration
                </button>
              </li>
            </ul>
          )}
        </div>
      </div>
      <FormError message={toggle.error?.message} />
      {rotating && (
        <ConfirmPanel
          id="rotate-secret-question"
          tone="warning"
          question={
            <>
              <strong>Rotate the secret of “{name}”?</strong> The webhook URL changes and the current one is refused at once: paste the new
              URL into the source account’s automation right after.
            </>
          }
          confirm={
            <Button autoFocus onClick={onRotate} disabled={rotate.isPending}>
              Yes, rotate the secret
            </Button>
          }
          onCancel={() => setRotating(false)}
          error={rotate.error?.message}
        />
      )}
      {rotate.isSuccess && !rotating && (
        <p role="status" className="max-w-md text-sm text-slate-700">
          New webhook URL: <code className="break-all">{rotate.data.webhookUrl}</code>. Paste it into the source account’s automation; the
          old URL is refused from now on.
        </p>
      )}
      {confirming && (
        <ConfirmPanel
          id="remove-connector-question"
          tone="danger"
          question={
            <>
              <strong>Remove “{name}”?</strong> Its webhook URL stops working and its logs are deleted. Leads already synced stay in the
              destination account. Delete the automation in the source account too.
            </>
          }
          confirm={
            <Button variant="danger" autoFocus onClick={onRemove} disabled={remove.isPending}>
              Yes, remove {name}
            </Button>
          }
          onCancel={() => setConfirming(false)}
          error={remove.error?.message}
        />
      )}
    </div>
  );
}

const TONES = {
  warning: "border-amber-200 bg-amber-50",
  danger: "border-red-200 bg-red-50",
} as const;

/** A question asked in place before an action that cannot be undone; Escape or "Keep it" leaves everything as it was. */
function ConfirmPanel(props: {
  id: string;
  tone: keyof typeof TONES;
  question: ReactNode;
  confirm: ReactNode;
  onCancel: () => void;
  error: string | undefined;
}) {
  return (
    <div
      role="alertdialog"
      aria-labelledby={props.id}
      onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
      className={`flex max-w-md flex-col gap-2 rounded-md border p-3 text-sm ${TONES[props.tone]}`}
    >
      <p id={props.id}>{props.question}</p>
      <div className="flex flex-wrap gap-2">
        {props.confirm}
        <Button variant="secondary" onClick={props.onCancel}>
          Keep it
        </Button>
      </div>
      <FormError message={props.error} />
    </div>
  );
}
