import type { ComponentProps } from "react";

const VARIANTS = {
  primary: "border border-transparent bg-brand-600 text-white shadow-xs hover:bg-brand-700 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-800 shadow-xs hover:bg-slate-50 disabled:text-slate-500",
  danger: "border border-red-300 bg-white text-red-700 shadow-xs hover:bg-red-50 disabled:text-slate-500",
  ghost: "border border-transparent text-slate-700 hover:bg-slate-100 disabled:text-slate-500",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

/** The button look, for links that act as buttons (e.g. "Connect" opening a form page). */
export function buttonClassName(variant: ButtonVariant = "primary"): string {
  return `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap disabled:cursor-not-allowed [&_svg]:size-4 [&_svg]:shrink-0 ${VARIANTS[variant]}`;
}

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={`${buttonClassName(variant)} ${className}`} {...props} />;
}
