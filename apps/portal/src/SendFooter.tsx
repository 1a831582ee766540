/**
 * The end of a form whose text is kept until it is sent: why the last send failed (announced
 * and focusable), the send button (which offers a retry after a failure) and the draft note.
 * Used by the contact form and the tracking page's reply.
 */
import { ApiError } from "@yhteys/web";
import type { RefObject } from "react";
import { useI18n } from "./i18n.ts";

export type SendProblem = "network" | "server" | "rateLimited";

/** What stopped a send: no answer at all, too many sends, or a fault on the service's side. */
export const sendProblemOf = (error: unknown): SendProblem =>
  !(error instanceof ApiError) ? "network" : error.status === 429 ? "rateLimited" : "server";

const problemText = { network: "errors.network", rateLimited: "errors.rateLimited", server: "errors.server" } as const;

type Props = {
  problem: SendProblem | null;
  problemRef: RefObject<HTMLDivElement | null>;
  sending: boolean;
  send: string;
  sendingText: string;
  draftNote: string;
};

export function SendFooter({ problem, problemRef, sending, send, sendingText, draftNote }: Props) {
  const { t } = useI18n();
  return (
    <>
      {problem && (
        <div className="problem-box" role="alert" tabIndex={-1} ref={problemRef}>
          <p>{t(problemText[problem])}</p>
        </div>
      )}
      <div className="submit-row">
        <button type="submit" className="button button-primary" aria-disabled={sending || undefined}>
          {sending ? sendingText : problem ? t("app.retry") : send}
        </button>
      </div>
      <p className="hint">{draftNote}</p>
    </>
  );
}
