/** The form, or after sending the confirmation; the receipt survives a reload of the tab. */
import type { ContactReceipt, FollowReceipt, PublicOrganisation } from "@yhteys/contracts";
import { useState } from "react";
import { Confirmation } from "./Confirmation.tsx";
import { ContactForm } from "./ContactForm.tsx";
import { FollowConfirmation } from "./FollowConfirmation.tsx";

type Sent = { receipt: ContactReceipt; wantsReply: boolean };
const receiptKey = (org: string) => `yhteys.portal.receipt.${org}`;

function loadSent(org: string): Sent | null {
  try {
    const raw = sessionStorage.getItem(receiptKey(org));
    return raw ? (JSON.parse(raw) as Sent) : null;
  } catch {
    return null;
  }
}

export function ContactPage({
  org,
  orgName,
  presetCategoryId = null,
}: {
  org: PublicOrganisation;
  orgName: string;
  /** The category the embedding page chose, unless the resident's draft has one. */
  presetCategoryId?: string | null;
}) {
  const [sent, setSent] = useState<Sent | null>(() => loadSent(org.slug));
  // The chosen files live only in this tab's memory; after a reload they can be added on the tracking page.
  const [files, setFiles] = useState<File[]>([]);
  const [followed, setFollowed] = useState<{ receipt: FollowReceipt; withEmail: boolean } | null>(null);
  const startAgain = () => {
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
  };
  if (followed)
    return (
      <FollowConfirmation
        orgName={orgName}
        receipt={followed.receipt}
        withEmail={followed.withEmail}
        onAnother={() => {
          setFollowed(null);
          startAgain();
        }}
      />
    );
  if (sent)
    return (
      <Confirmation
        org={org.slug}
        orgName={orgName}
        receipt={sent.receipt}
        wantsReply={sent.wantsReply}
        files={files}
        onAnother={() => {
          sessionStorage.removeItem(receiptKey(org.slug));
          setSent(null);
          setFiles([]);
          startAgain();
        }}
      />
    );
  return (
    <ContactForm
      org={org}
      orgName={orgName}
      presetCategoryId={presetCategoryId}
      onSent={(receipt, wantsReply, chosen) => {
        const value = { receipt, wantsReply };
        setFiles(chosen);
        try {
          sessionStorage.setItem(receiptKey(org.slug), JSON.stringify(value));
        } catch {
          // Without storage the confirmation still shows; it just does not survive a reload.
        }
        setSent(value);
        window.scrollTo(0, 0);
      }}
      onFollowed={(receipt, withEmail) => {
        setFollowed({ receipt, withEmail });
        window.scrollTo(0, 0);
      }}
    />
  );
}
