"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { MemberList } from "@/components/settings/member-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { applyServerErrors } from "@/lib/client/api";
import { useCreateMember } from "@/lib/client/members";
import { createMemberSchema, type CreateMemberInput } from "@/lib/orgs/schema";

export function MembersPanel({ currentUserId }: { currentUserId: string }) {
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
    <Card title="People" description="Admins manage integrations, agents, keys and people; members see calls and deliveries.">
      <MemberList currentUserId={currentUserId} />
      <h3 className="mt-5 border-t border-slate-100 pt-4 text-sm font-semibold text-slate-900">Add a person</h3>
      <form onSubmit={onSubmit} noValidate className="mt-2 grid gap-3 sm:grid-cols-2">
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
    </Card>
  );
}
