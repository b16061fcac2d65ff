import { toAppError } from "@/lib/errors";
import type { ActionState } from "./action-state";

export async function runAction<T>(work: () => Promise<T>): Promise<ActionState<T>> {
  try {
    return { status: "success", data: await work() };
  } catch (error) {
    const appError = toAppError(error);
    return { status: "error", message: appError.message, fieldErrors: appError.fieldErrors };
  }
}
