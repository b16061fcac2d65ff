import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { contentDisposition, openExportDownload } from "@/lib/export";

/** Streams a zip export to its owner; anyone else's id is a 404. */
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const download = await openExportDownload(db, user.id, params.id);
  return new Response(download.body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(download.bytes),
      "Content-Disposition": contentDisposition(download.fileName),
      // The same export id always names the same bytes, but it is private to its owner.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
