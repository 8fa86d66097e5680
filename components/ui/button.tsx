import type { ComponentProps } from "react";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 disabled:text-slate-400",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

/** The button look, for links that act as buttons (e.g. "Connect" opening a form page). */
export function buttonClassName(variant: ButtonVariant = "primary"): string {
  return `inline-block rounded-md px-3 py-2 text-sm font-medium ${VARIANTS[variant]}`;
}

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={`${buttonClassName(variant)} ${className}`} {...props} />;
}
