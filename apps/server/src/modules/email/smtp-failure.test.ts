/**
 * The classifier's table: nodemailer errors as they arrive (shapes copied from real sends against
 * smtp-server and closed ports) and the reason admins are shown for each. The same classification
 * runs against a real SMTP server in outgoing-failures.test.ts.
 */
import { describe, expect, it } from "vitest";
import { classifySmtpFailure, type SmtpFailure } from "./smtp-failure.ts";

const rcpt = (response: string): SmtpFailure => ({
  message: `Can't send mail - all recipients were rejected: ${response}`,
  code: "EENVELOPE",
  responseCode: Number(response.slice(0, 3)),
  command: "RCPT TO",
  response,
});
const data = (response: string): SmtpFailure => ({
  message: `Message failed: ${response}`,
  code: "EMESSAGE",
  responseCode: Number(response.slice(0, 3)),
  command: "DATA",
  response,
});

describe("classifySmtpFailure", () => {
  it.each<[string, SmtpFailure, string]>([
    ["unknown user (5.1.1)", rcpt("550 5.1.1 User unknown"), "recipient_refused"],
    ["no such domain (5.1.2)", rcpt("550 5.1.2 Host unknown"), "recipient_refused"],
    ["disabled mailbox (5.2.1)", rcpt("550 5.2.1 Mailbox disabled"), "recipient_refused"],
    ["plain 550 at RCPT", rcpt("550 Requested action not taken: mailbox unavailable"), "recipient_refused"],
    ["plain 550 at DATA", data("550 mailbox unavailable"), "recipient_refused"],
    ["553 at RCPT", rcpt("553 mailbox name not allowed"), "recipient_refused"],
    ["mailbox full (5.2.2)", rcpt("552 5.2.2 Mailbox full"), "mailbox_full"],
    ["mailbox full for now (4.2.2)", rcpt("452 4.2.2 Over quota"), "mailbox_full"],
    ["452 over quota without enhanced code", rcpt("452 Mailbox over quota"), "mailbox_full"],
    ["552 storage at RCPT", rcpt("552 Requested mail action aborted: exceeded storage allocation"), "mailbox_full"],
    ["message too big (5.3.4)", data("552 5.3.4 Message size exceeds fixed limit"), "message_too_large"],
    ["552 at DATA without enhanced code", data("552 Message exceeds fixed maximum message size"), "message_too_large"],
    [
      "sender refused at MAIL FROM",
      { message: "Mail command failed: 553 Sender rejected", code: "EENVELOPE", responseCode: 553, command: "MAIL FROM" },
      "sender_refused",
    ],
    ["bad sender address (5.1.7)", rcpt("550 5.1.7 Invalid sender"), "sender_refused"],
    [
      "wrong password",
      { message: "Invalid login: 535 Invalid username or password", code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" },
      "auth_failed",
    ],
    ["credentials invalid (5.7.8)", { message: "535 5.7.8 Authentication credentials invalid", responseCode: 535 }, "auth_failed"],
    ["authentication required", { message: "530 Authentication required", responseCode: 530, command: "MAIL FROM" }, "auth_failed"],
    ["STARTTLS required", { message: "530 Must issue a STARTTLS command first", responseCode: 530, command: "MAIL FROM" }, "tls"],
    ["encryption needed (5.7.10)", { message: "523 5.7.10 Encryption needed", responseCode: 523 }, "tls"],
    ["no TLS connection", { message: "Connection closed", code: "ETLS" }, "tls"],
    [
      "plain text on a TLS port",
      { message: "error:0A00010B:SSL routines:ssl3_get_record:wrong version number", code: "ESOCKET", command: "CONN" },
      "tls",
    ],
    ["bad certificate", { message: "self-signed certificate", code: "ESOCKET", command: "CONN" }, "tls"],
    ["connection refused", { message: "connect ECONNREFUSED 127.0.0.1:1", code: "ESOCKET", command: "CONN" }, "connection_failed"],
    ["host not found", { message: "getaddrinfo ENOTFOUND relay.invalid", code: "EDNS", command: "CONN" }, "connection_failed"],
    ["connection reset", { message: "read ECONNRESET", code: "ESOCKET" }, "connection_failed"],
    ["closed mid-conversation", { message: "Connection closed unexpectedly", code: "ESOCKET" }, "connection_failed"],
    ["no greeting", { message: "Greeting never received", code: "ETIMEDOUT", command: "CONN" }, "timeout"],
    ["connection timeout", { message: "Connection timeout", code: "ETIMEDOUT", command: "CONN" }, "timeout"],
    ["delivery time expired (4.4.7)", data("451 4.4.7 Delivery time expired"), "timeout"],
    ["try again later", data("451 try again later"), "temporary"],
    ["greylisted", rcpt("450 4.7.1 Greylisted, please try again"), "temporary"],
    ["refused as spam", data("554 5.7.1 Message rejected as spam"), "other"],
    ["anything else", { message: "boom" }, "other"],
    ["nothing at all", {}, "other"],
  ])("%s", (_name, error, reason) => {
    expect(classifySmtpFailure(error)).toBe(reason);
  });
});
