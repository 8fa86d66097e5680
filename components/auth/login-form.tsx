"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { loginSchema, type LoginInput } from "@/lib/orgs/schema";

/** lib/auth/throttled-sign-in.ts sends a throttled attempt's wait as `too_many_attempts:<seconds>`. */
function signInError(error: string | null | undefined): string {
  const throttled = /^too_many_attempts:(\d+)$/.exec(error ?? "");
  if (!throttled) return "Email or password is incorrect.";
  const minutes = Math.ceil(Number(throttled[1]) / 60);
  return `Too many failed sign-ins for this email or from this network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export function LoginForm({ email }: { email: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const form = useForm<LoginInput, unknown, z.output<typeof loginSchema>>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email, password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace("/");
      router.refresh();
    } else {
      setFormError(signInError(result?.error));
    }
  });

  return (
    // POST to this page even before the script loads, so a password never lands in the address bar or a log.
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormError message={formError} />
      <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
