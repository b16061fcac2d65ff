"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createExport, type ExportFormat } from "@/lib/export";
import { runAction } from "../../../../_lib/run-action";

export async function createExportAction(projectId: string, format: ExportFormat) {
  return runAction(async () => {
    const user = await requireUser();
    const exported = await createExport(db, user.id, projectId, { format });
    // The history table and the project's activity both show the new export.
    revalidatePath("/projects", "layout");
    return { id: exported.id, format: exported.format, validationStatus: exported.validationStatus };
  });
}
