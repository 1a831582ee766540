/** The time condition of a time rule: how long since what, in calendar or working time. */
import { ruleTimeBases } from "@yhteys/contracts";
import { useI18n } from "../i18n.ts";
import { SelectField, TextField } from "./AdminForm.tsx";
import type { ElapsedDraft } from "./ruleDrafts.ts";

type Props = { id: string; draft: ElapsedDraft; error: string | undefined; onChange: (change: Partial<ElapsedDraft>) => void };

export function RuleTimeFields({ id, draft, error, onChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="choices">
      <legend>{t("rules.elapsed")}</legend>
      <p className="hint">{t("rules.elapsedHint")}</p>
      <SelectField
        id={`${id}-since`}
        label={t("rules.since")}
        value={draft.since}
        values={ruleTimeBases}
        optionLabel={(v) => t(`rules.since.${v}`)}
        onChange={(since) => onChange({ since })}
      />
      <div className="field-row">
        <TextField
          id={`${id}-amount`}
          label={t("rules.amount")}
          value={draft.amount}
          onChange={(amount) => onChange({ amount })}
          error={error}
          required
        />
        <SelectField
          id={`${id}-unit`}
          label={t("rules.unit")}
          value={draft.businessHours ? "hours" : draft.unit}
          values={draft.businessHours ? (["hours"] as const) : (["hours", "days"] as const)}
          optionLabel={(v) => t(`rules.unit.${v}`)}
          onChange={(unit) => onChange({ unit })}
        />
        <SelectField
          id={`${id}-business`}
          label={t("rules.countIn")}
          value={draft.businessHours ? "business" : "calendar"}
          values={["calendar", "business"] as const}
          optionLabel={(v) => t(`rules.countIn.${v}`)}
          onChange={(v) => onChange({ businessHours: v === "business", ...(v === "business" ? { unit: "hours" } : {}) })}
        />
      </div>
    </fieldset>
  );
}
