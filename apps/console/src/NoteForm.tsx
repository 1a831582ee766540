/**
 * Internal notes with @mentions. Typing "@" in the note opens a list of the colleagues who may
 * already open the ticket (asked from the server, which applies the rights); the note box is an
 * editable combobox (WAI-ARIA 1.2 list autocomplete, as GitHub's mention box on a textarea):
 * aria-expanded and aria-activedescendant follow the list, arrow keys move, Enter or Tab chooses,
 * Escape closes. A chosen colleague is written as "@Name" and sent by id; one whose "@Name" was
 * deleted from the text is not sent. Roles without the staff directory (partners) write plain notes.
 */
import type { TicketDetail, TicketMessage, UserSummary } from "@yhteys/contracts";
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import { ActionSection, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { roleName } from "./format.ts";
import { handlerLabel } from "./handlerLabel.ts";
import { useI18n } from "./i18n.ts";
import { useTypingReporter } from "./Presence.tsx";

/** The "@name" being typed just before the caret (after the start or a space), or null. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]*(?: [^\s@]*)?)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? "";
  return { start: caret - query.length - 1, query };
}

/** Colleagues whose name, or a word of it, starts with the query. */
const matching = (people: UserSummary[], query: string) => {
  const q = query.trim().toLocaleLowerCase("fi");
  return people.filter((p) => {
    const name = p.name.toLocaleLowerCase("fi");
    return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
  });
};

export function NoteForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, formatDate } = useI18n();
  // As the server decides: roles that may forward (and so see the staff directory) may mention.
  const mayMention = ticket.allowedActions.includes("forward");
  const typed = useTypingReporter(ticket.id);
  const ids = { title: useId(), body: useId(), hint: useId(), error: useId(), list: useId(), status: useId() };
  const box = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState("");
  const [candidates, setCandidates] = useState<UserSummary[] | null>(null);
  const [chosen, setChosen] = useState<UserSummary[]>([]);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();

  const options = typing && candidates ? matching(candidates, typing.query).slice(0, 8) : [];
  const open = typing !== null && typing.start !== dismissedAt && candidates !== null;
  const mentioned = chosen.filter((u) => body.includes(`@${u.name}`));

  /** Follows the caret: opens the list while an "@name" is being typed. */
  const follow = (text: string, caret: number) => {
    const next = mayMention ? mentionQuery(text, caret) : null;
    if (next?.start !== typing?.start || next?.query !== typing?.query) setActive(0);
    setTyping(next);
    // Escape closes the list for the "@name" being typed; one typed afresh opens it again.
    if (!next) setDismissedAt(null);
    if (next && candidates === null)
      api
        .mentionCandidates(ticket.id)
        .then((x) => setCandidates(x.items))
        .catch(() => setCandidates([]));
  };

  const choose = (person: UserSummary) => {
    if (!typing) return;
    const caret = typing.start + 1 + typing.query.length;
    const inserted = `@${person.name} `;
    const text = body.slice(0, typing.start) + inserted + body.slice(caret);
    setBody(text);
    setChosen((list) => (list.some((u) => u.id === person.id) ? list : [...list, person]));
    setTyping(null);
    const at = typing.start + inserted.length;
    requestAnimationFrame(() => box.current?.setSelectionRange(at, at));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "Escape") {
      e.preventDefault();
      setDismissedAt(typing?.start ?? null);
      return;
    }
    if (!options.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      const person = options[active];
      if (!person) return;
      e.preventDefault();
      choose(person);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError({ text: t("error.validation"), fields: [] });
    void run(async () => {
      const next = await api.actions.note(ticket.id, {
        body: body.trim(),
        ...(mentioned.length ? { mentions: mentioned.map((u) => u.id) } : {}),
      });
      setBody("");
      setChosen([]);
      setTyping(null);
      done(next, t("note.done"));
    });
  };

  const optionId = (i: number) => `${ids.list}-${i}`;
  return (
    <ActionSection title={t("note.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field mention-field">
          <label htmlFor={ids.body}>{t("note.body")}</label>
          <p className="hint" id={ids.hint}>
            {mayMention ? t("mentions.hint") : t("note.hint")}
          </p>
          <textarea
            ref={box}
            id={ids.body}
            rows={4}
            value={body}
            maxLength={20000}
            required
            aria-describedby={ids.hint}
            {...(mayMention
              ? {
                  role: "combobox",
                  "aria-autocomplete": "list" as const,
                  "aria-expanded": open,
                  "aria-controls": ids.list,
                  "aria-activedescendant": open && options[active] ? optionId(active) : undefined,
                }
              : {})}
            onChange={(e) => {
              setBody(e.target.value);
              follow(e.target.value, e.target.selectionStart);
              typed();
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => {
              if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) follow(body, e.currentTarget.selectionStart);
            }}
            onClick={(e) => follow(body, e.currentTarget.selectionStart)}
            onBlur={() => setTyping(null)}
          />
          {mayMention && (
            <div id={ids.list} role="listbox" aria-label={t("mentions.list")} className="mention-list" hidden={!open || !options.length}>
              {open &&
                options.map((person, i) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses in the note box (aria-activedescendant), as the combobox pattern says
                  <div
                    key={person.id}
                    id={optionId(i)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === active}
                    className={i === active ? "mention-option active" : "mention-option"}
                    // Keeps focus in the note box; a click chooses.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(person)}
                  >
                    {handlerLabel(t, formatDate, person)} <span className="muted">– {roleName(t, person.role)}</span>
                  </div>
                ))}
            </div>
          )}
          {mayMention && (
            <p className="visually-hidden" role="status" id={ids.status}>
              {open ? (options.length ? t("mentions.count", { count: String(options.length) }) : t("mentions.none")) : ""}
            </p>
          )}
          {mentioned.length > 0 && <p className="hint">{t("mentions.chosen", { names: mentioned.map((u) => u.name).join(", ") })}</p>}
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("note.submit")} />
      </form>
    </ActionSection>
  );
}

/** A note's text with its mentions highlighted (each "@Name" of a mentioned colleague). */
export function NoteText({ message }: { message: TicketMessage }) {
  const { t } = useI18n();
  const names = message.mentions.map((m) => `@${m.name}`);
  if (!names.length) return <p className="prose">{message.body}</p>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = message.body.split(new RegExp(`(${escaped.join("|")})`, "g"));
  return (
    <p className="prose">
      {parts.map((part, i) =>
        names.includes(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order, never reordered
          <mark key={i} className="mention" title={t("mentions.mention", { name: part.slice(1) })}>
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}
