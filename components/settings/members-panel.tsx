"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { applyServerErrors } from "@/lib/client/api";
import { useCreateMember, useMembers } from "@/lib/client/members";
import { createMemberSchema, type CreateMemberInput } from "@/lib/orgs/schema";

export function MembersPanel() {
  const members = useMembers();
  const create = useCreateMember();
  const [formError, setFormError] = useState<string>();
  const form = useForm<CreateMemberInput, unknown, z.output<typeof createMemberSchema>>({
    resolver: zodResolver(createMemberSchema),
    defaultValues: { name: "", email: "", password: "", role: "member" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await create.mutateAsync(values);
      form.reset();
    } catch (err) {
      setFormError(applyServerErrors(err, form.setError, Object.keys(createMemberSchema.shape)));
    }
  });

  return (
    <section aria-labelledby="members-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="members-heading" className="font-medium">
        People
      </h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {members.data?.map((m) => (
          <li key={m.id} className="flex flex-wrap gap-x-3 py-2">
            <span className="font-medium">{m.name}</span>
            <span className="text-slate-600">{m.email}</span>
            <span className="rounded bg-slate-100 px-2 text-xs leading-5">{m.role}</span>
          </li>
        ))}
      </ul>
      <h3 className="mt-4 text-sm font-medium">Add a person</h3>
      <form method="post" onSubmit={onSubmit} noValidate className="mt-2 grid gap-3 sm:grid-cols-2">
        <TextField label="Name" error={errors.name?.message} {...form.register("name")} />
        <TextField label="Email" type="email" error={errors.email?.message} {...form.register("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
        <SelectField label="Role" error={errors.role?.message} {...form.register("role")}>
          <option value="member">Member: sees calls and deliveries</option>
          <option value="admin">Admin: also manages integrations, agents and keys</option>
        </SelectField>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={isSubmitting}>
            Add person
          </Button>
        </div>
      </form>
      <FormError message={formError} />
    </section>
  );
}
