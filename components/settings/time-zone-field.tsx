"use client";

import { useId, type ComponentProps } from "react";
import { TextField } from "@/components/ui/field";

const ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

/** A text input suggesting every IANA zone the browser knows, so typing "Kolk" finds Asia/Kolkata. */
export function TimeZoneField({ label, error, ...input }: { label: string; error?: string } & ComponentProps<"input">) {
  const listId = useId();
  return (
    <>
      <TextField label={label} error={error} list={listId} autoComplete="off" hint="An IANA name, e.g. Asia/Kolkata." {...input} />
      <datalist id={listId}>
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
