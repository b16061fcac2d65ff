import type { Metadata } from "next";
import { PRICING_AS_OF } from "@/lib/ai/pricing";
import { usageDashboard, type UsageRow } from "@/lib/ai/usage";
import { db } from "@/lib/db/client";
import { requirePageUser } from "../../_lib/page-user";
import { BudgetForm } from "./budget-form";

export const metadata: Metadata = { title: "Usage" };

const number = new Intl.NumberFormat("en");
const dollars = (cost: string) => `$${Number(cost).toFixed(Number(cost) < 1 ? 4 : 2)}`;

function UsageTable({ title, rows }: { title: string; rows: UsageRow[] }) {
  return (
    <section className="rounded-xl border bg-card">
      <h2 className="border-b px-5 py-3 text-sm font-medium">{title}</h2>
      {rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-muted-foreground">No AI calls yet.</p>
      ) : (
        <table className="w-full text-sm" aria-label={title}>
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="px-5 py-2 font-medium">{title.replace("By ", "")}</th>
              <th className="px-5 py-2 text-right font-medium">Calls</th>
              <th className="px-5 py-2 text-right font-medium">Input tokens</th>
              <th className="px-5 py-2 text-right font-medium">Output tokens</th>
              <th className="px-5 py-2 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row) => (
              <tr key={row.key}>
                <td className="px-5 py-2">{row.label}</td>
                <td className="px-5 py-2 text-right tabular-nums">{number.format(row.calls)}</td>
                <td className="px-5 py-2 text-right tabular-nums">{number.format(row.inputTokens)}</td>
                <td className="px-5 py-2 text-right tabular-nums">{number.format(row.outputTokens)}</td>
                <td className="px-5 py-2 text-right tabular-nums">{dollars(row.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Tokens per day for the last 30 days, as bars; the exact figures are in the tables below it. */
function DailyChart({ daily }: { daily: { day: string; tokens: number; cost: string }[] }) {
  const peak = Math.max(1, ...daily.map((entry) => entry.tokens));
  return (
    <figure className="rounded-xl border bg-card p-5">
      <figcaption className="text-sm font-medium">Tokens per day, last 30 days</figcaption>
      {daily.every((entry) => entry.tokens === 0) ? <p className="mt-2 text-sm text-muted-foreground">No AI calls in the last 30 days.</p> : null}
      <div className="mt-4 flex h-40 items-end gap-1" role="img" aria-label={`Tokens per day over the last 30 days; peak ${number.format(peak)} tokens`}>
        {daily.map((entry) => (
          <div key={entry.day} className="group relative flex h-full flex-1 items-end" title={`${entry.day}: ${number.format(entry.tokens)} tokens, ${dollars(entry.cost)}`}>
            <div className="w-full rounded-t bg-primary/80 group-hover:bg-primary" style={{ height: `${(entry.tokens / peak) * 100}%`, minHeight: entry.tokens ? 2 : 0 }} />
          </div>
        ))}
      </div>
      <div className="mt-2 flex justify-between text-xs text-muted-foreground">
        <span>{daily[0]?.day}</span>
        <span>{daily.at(-1)?.day}</span>
      </div>
    </figure>
  );
}

export default async function UsagePage() {
  const user = await requirePageUser();
  const { month, daily, budget, spent } = await usageDashboard(db, user.id);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
        <p className="text-sm text-muted-foreground">Every AI call, with the tokens the provider reported and its estimated cost (prices as of {PRICING_AS_OF}; custom servers count as free).</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        {[
          ["Calls this month", number.format(month.total.calls)],
          ["Tokens this month", number.format(month.total.inputTokens + month.total.outputTokens)],
          ["Cost this month", dollars(spent)],
          ["Budget", budget ? `${dollars(budget)} / month` : "No limit"],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border bg-card p-5">
            <p className="text-xs text-muted-foreground">{label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
          </div>
        ))}
      </div>
      <div className="rounded-xl border bg-card p-5">
        <BudgetForm budget={budget} />
      </div>
      <DailyChart daily={daily} />
      <div className="grid gap-6 lg:grid-cols-2">
        <UsageTable title="By project" rows={month.byProject} />
        <UsageTable title="By model" rows={month.byModel} />
        <UsageTable title="By stage" rows={month.byStage.map((row) => ({ ...row, label: `${row.key}. ${row.label}` }))} />
        <UsageTable title="By day" rows={month.byDay} />
      </div>
    </div>
  );
}
