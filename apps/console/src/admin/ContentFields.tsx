/** Form pieces shared by the notices and FAQ pages: texts in three languages, text areas and the owner choice. */
import { localize } from "@yhteys/contracts/constants";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { FieldNotes, type NameDraft, notesOf, SelectField, TextField } from "./AdminForm.tsx";

const langs = ["fi", "sv", "en"] as const;

export function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <FieldNotes {...props} />
      <textarea
        id={props.id}
        rows={5}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={notesOf(props)}
      />
    </div>
  );
}

/** One text in Finnish (required), Swedish and English: single lines or, for longer texts, text areas. */
export function LocalizedInputs(props: {
  id: string;
  labels: "title" | "body" | "question" | "answer";
  value: NameDraft;
  onChange: (value: NameDraft) => void;
  multiline?: boolean;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {langs.map((l) => {
        const common = {
          id: `${props.id}-${l}`,
          label: t(`content.${props.labels}.${l}`),
          value: props.value[l],
          onChange: (v: string) => props.onChange({ ...props.value, [l]: v }),
          error: l === "fi" ? props.error : undefined,
        };
        return props.multiline ? (
          <TextArea key={l} {...common} {...(l === "fi" ? { hint: t("content.bodyHint") } : {})} />
        ) : (
          <TextField key={l} {...common} required={l === "fi"} />
        );
      })}
    </>
  );
}

/** The owner choices: the organisation (technical admins) and the groups the user may manage. */
export function useOwners() {
  const { session, directory } = useConsole();
  const { language } = useI18n();
  const technical = session.user.role === "technical_admin";
  const groups = (directory?.groups ?? []).filter((g) => technical || session.user.groupIds.includes(g.id));
  const choices = groups.map((g) => ({ id: g.id, name: localize(g.name, language) }));
  /** A new entry belongs to the organisation (technical admins) or to the user's first group. */
  const initial = technical ? "" : (choices[0]?.id ?? "");
  return { technical, groups: choices, initial };
}

export function OwnerField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const owners = useOwners();
  const values = [...(owners.technical ? [""] : []), ...owners.groups.map((g) => g.id)];
  return (
    <SelectField
      id={id}
      label={t("content.group")}
      value={value}
      values={values}
      optionLabel={(v) => (v ? (owners.groups.find((g) => g.id === v)?.name ?? v) : t("content.organisation"))}
      onChange={onChange}
    />
  );
}
