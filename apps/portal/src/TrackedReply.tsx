/**
 * The tracking page's "add information or reply": the resident writes to the city about their own
 * contact. The text is kept on the device per contact until it is sent; a failed send keeps it and
 * the retry uses the same Idempotency-Key, so the city gets one message however often it is tried.
 */
import type { ResidentMessageReceipt, TicketState } from "@yhteys/contracts";
import { finishedStates } from "@yhteys/contracts/constants";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { DescriptionField } from "./DescriptionField.tsx";
import { clearReplyDraft, loadReplyDraft, newIdempotencyKey, saveReplyDraft } from "./draft.ts";
import { ErrorSummary } from "./ErrorSummary.tsx";
import { useI18n } from "./i18n.ts";
import { SendFooter, type SendProblem, sendProblemOf } from "./SendFooter.tsx";
import { DESCRIPTION_MAX, type FormError } from "./validation.ts";

const FIELD = "reply-body";

type Props = {
  org: string;
  token: string;
  state: TicketState;
  onSent: (receipt: ResidentMessageReceipt) => void;
  /** The contact changed under the page (it was merged): read it again. */
  onStale: () => void;
};

export function TrackedReply({ org, token, state, onSent, onStale }: Props) {
  const { t } = useI18n();
  const [initial] = useState(() => loadReplyDraft(org, token));
  const [body, setBody] = useState(initial?.body ?? "");
  const idempotencyKey = useRef(initial?.idempotencyKey ?? newIdempotencyKey());
  const [errors, setErrors] = useState<FormError[]>([]);
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<"sent" | "reopened" | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);
  // What takes the focus once the outcome of a send is on the page.
  const focusNext = useRef<"summary" | "problem" | "sent" | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when the outcome it waits for is rendered
  useEffect(() => {
    const next = focusNext.current;
    const target = next && { summary: summaryRef, problem: problemRef, sent: sentRef }[next].current;
    if (target) {
      focusNext.current = null;
      target.focus();
    }
  }, [errors, problem, sent]);

  useEffect(() => {
    if (body.trim()) saveReplyDraft(org, token, { body, idempotencyKey: idempotencyKey.current });
    else clearReplyDraft(org, token);
  }, [body, org, token]);

  const check = (text: string): FormError[] => {
    const trimmed = text.trim();
    const message = !trimmed ? t("errors.descriptionRequired") : trimmed.length > DESCRIPTION_MAX ? t("errors.descriptionLong") : null;
    return message ? [{ key: "reply", target: FIELD, message }] : [];
  };

  const change = (text: string) => {
    setBody(text);
    setSent(null);
    // A fixed text loses its error at once; new errors appear only when sending again.
    if (errors.length) setErrors(check(text));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const found = check(body);
    setProblem(null);
    setErrors(found);
    if (found.length) {
      focusNext.current = "summary";
      return;
    }
    setSending(true);
    try {
      const receipt = await api<ResidentMessageReceipt>(
        `/api/public/${encodeURIComponent(org)}/contacts/${encodeURIComponent(token)}/messages`,
        { method: "POST", body: { body }, headers: { "Idempotency-Key": idempotencyKey.current } },
      );
      clearReplyDraft(org, token);
      idempotencyKey.current = newIdempotencyKey();
      setBody("");
      focusNext.current = "sent";
      setSent(receipt.reopened ? "reopened" : "sent");
      onSent(receipt);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return onStale();
      if (e instanceof ApiError && e.status === 400) {
        focusNext.current = "summary";
        setErrors([{ key: "reply", target: FIELD, message: t("errors.fieldInvalid") }]);
        return;
      }
      // The key was used for other text (an earlier attempt got through): a new one lets the resident send.
      if (e instanceof ApiError && e.status === 422) idempotencyKey.current = newIdempotencyKey();
      focusNext.current = "problem";
      setProblem(sendProblemOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="reply-title">
      <h2 id="reply-title">{t("track.reply.title")}</h2>
      <ErrorSummary errors={errors} ref={summaryRef} />
      {finishedStates.includes(state) && <p className="notice">{t("track.reply.reopens")}</p>}
      {state === "waiting_for_customer" && <p className="notice">{t("track.reply.waiting")}</p>}
      <div role="status">
        {sent && (
          <p className="info-box" tabIndex={-1} ref={sentRef}>
            {t(sent === "reopened" ? "track.reply.sentReopened" : "track.reply.sent")}
          </p>
        )}
      </div>
      <form noValidate onSubmit={submit} aria-busy={sending}>
        <DescriptionField
          id={FIELD}
          label={t("track.reply.label")}
          hint={t("track.reply.hint")}
          value={body}
          onChange={change}
          error={errors[0]?.message}
        />
        <SendFooter
          problem={problem}
          problemRef={problemRef}
          sending={sending}
          send={t("track.reply.send")}
          sendingText={t("track.reply.sending")}
          draftNote={t("track.reply.draftNote")}
        />
      </form>
    </section>
  );
}
