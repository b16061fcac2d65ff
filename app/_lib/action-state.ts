import type { FieldErrors } from "@/lib/errors";

/** What a server action hands back to its form: never a thrown error, always a typed state. */
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "error"; message: string; fieldErrors?: FieldErrors }
  | { status: "success"; data: T };

export const idle: ActionState<never> = { status: "idle" };
