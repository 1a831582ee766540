/**
 * The priority and state pickers of the ticket's actions and the queue's bulk actions: one labelled
 * select each over the fixed values, named in the user's language. (Groups and handlers: TargetPicker.)
 */
import type { Priority, TicketState } from "@yhteys/contracts";
import { priorities, ticketStates } from "@yhteys/contracts/constants";
import { SelectField } from "./admin/AdminForm.tsx";
import { priorityName, stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";

type Picker<V> = { id: string; value: V; onChange: (value: V) => void };

/** A ticket's priority. */
export function PrioritySelect({ id, value, onChange }: Picker<Priority>) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t("field.priority")}
      value={value}
      values={priorities}
      optionLabel={(p) => priorityName(t, p)}
      onChange={onChange}
    />
  );
}

/** A ticket's built-in state. */
export function StateSelect({ id, value, onChange }: Picker<TicketState>) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t("field.state")}
      value={value}
      values={ticketStates}
      optionLabel={(s) => stateName(t, s)}
      onChange={onChange}
    />
  );
}
