/**
 * The group and handler to move tickets to, as in forwarding one ticket or assigning many: the
 * handler list follows the chosen group, and choosing a group clears the handler.
 */
import { useId } from "react";
import { useConsole } from "./Console.tsx";
import { name, roleName } from "./format.ts";
import { handlerLabel } from "./handlerLabel.ts";
import { useI18n } from "./i18n.ts";

export type Target = { groupId: string; handlerId: string };

/** `current` marks the ticket's present group and handler in the lists. */
export function TargetPicker({
  value,
  onChange,
  current,
}: {
  value: Target;
  onChange: (target: Target) => void;
  current?: { groupId: string | null; handlerId: string | null };
}) {
  const { t, language, formatDate } = useI18n();
  const { directory } = useConsole();
  const ids = { group: useId(), handler: useId() };
  if (!directory) return null;
  const users = value.groupId ? directory.users.filter((u) => u.groupIds.includes(value.groupId)) : directory.users;
  const marked = (id: string, label: string, currentId: string | null | undefined) =>
    id === currentId ? t("forward.current", { name: label }) : label;
  return (
    <>
      <div className="field">
        <label htmlFor={ids.group}>{t("forward.group")}</label>
        <select id={ids.group} value={value.groupId} onChange={(e) => onChange({ groupId: e.target.value, handlerId: "" })}>
          <option value="">{t("forward.keep")}</option>
          {directory.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {marked(g.id, name(g.name, language), current?.groupId)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.handler}>{t("forward.handler")}</label>
        <select id={ids.handler} value={value.handlerId} onChange={(e) => onChange({ ...value, handlerId: e.target.value })}>
          <option value="">{value.groupId ? t("forward.toQueue") : t("forward.keep")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {marked(u.id, handlerLabel(t, formatDate, u), current?.handlerId)} – {roleName(t, u.role)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
