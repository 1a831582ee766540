/**
 * A real IMAP server for tests and the bench: Debian's dovecot on 127.0.0.1, configured in a
 * temporary directory (passwd-file users, maildir, no TLS), started with `dovecot -F` and stopped
 * with the test. Run as root, its login processes use the package's `dovenull` user and mail is
 * owned by `dovecot` (dovecot refuses root for both).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

const DOVECOT = "/usr/sbin/dovecot";

export type Dovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** A logged-in client (the caller logs out). */
  client: () => Promise<ImapFlow>;
  /** Appends raw messages to `folder` (created if missing); returns their UIDs. */
  append: (folder: string, messages: (string | Buffer)[]) => Promise<number[]>;
  /**
   * Puts raw messages into `folder` by writing its maildir directly (tmp/, then renamed into new/,
   * as a local delivery agent does): for filling large mailboxes fast. Dovecot gives them UIDs in
   * file order when it next looks, so write a folder before anyone has it selected.
   */
  deliver: (folder: string, messages: (string | Buffer)[]) => Promise<void>;
  stop: () => Promise<void>;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** uid and gid of a system user, from /etc/passwd. */
async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const line = (await readFile("/etc/passwd", "utf8")).split("\n").find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (!uid || !gid) throw new Error(`no system user ${name} (is dovecot-imapd installed?)`);
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), "yhteys-dovecot-"));
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = "mailbox@example.test";
  const password = "imap-test-password";
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const mailOwner = root ? await systemUser("dovecot") : { uid: me.uid, gid: me.gid };
  const loginUser = root ? "dovenull" : me.username;
  const internalUser = root ? "dovecot" : me.username;
  for (const sub of ["mail", "home"]) {
    await mkdir(path.join(dir, sub));
    if (root) await chown(path.join(dir, sub), mailOwner.uid, mailOwner.gid);
  }
  await writeFile(path.join(dir, "passwd"), `${user}:{PLAIN}${password}\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = ${Math.min(mailOwner.uid, 100)}
mail_location = maildir:${dir}/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${internalUser}
  }
  unix_listener stats-writer {
    user = ${internalUser}
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${dir}/home/%u
}
`;
  await writeFile(path.join(dir, "dovecot.conf"), conf);
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", path.join(dir, "dovecot.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });

  const client = async () => {
    const c = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
    await c.connect();
    return c;
  };
  // Ready once a login works.
  for (let attempt = 0; ; attempt++) {
    try {
      const c = await client();
      await c.logout();
      break;
    } catch (e) {
      if (child.exitCode !== null || attempt > 100) {
        const log = await readFile(path.join(dir, "dovecot.log"), "utf8").catch(() => "");
        child.kill("SIGKILL");
        throw new Error(`dovecot did not start: ${output}\n${log}`, { cause: e });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    client,
    async append(folder, messages) {
      const c = await client();
      try {
        if (folder !== "INBOX") await c.mailboxCreate(folder).catch(() => undefined);
        const uids: number[] = [];
        for (const message of messages) {
          const appended = await c.append(folder, message);
          if (appended !== false && appended.uid) uids.push(appended.uid);
        }
        return uids;
      } finally {
        await c.logout();
      }
    },
    async deliver(folder, messages) {
      // Maildir++: INBOX is the user's maildir, another folder is `.{folder}` inside it.
      const userDir = path.join(dir, "mail", user);
      const box = folder === "INBOX" ? userDir : path.join(userDir, `.${folder}`);
      const owned = async (p: string) => {
        await mkdir(p, { recursive: true });
        if (root) await chown(p, mailOwner.uid, mailOwner.gid);
      };
      await owned(userDir);
      for (const sub of ["", "cur", "new", "tmp"]) await owned(path.join(box, sub));
      const stamp = Math.floor(Date.now() / 1000);
      for (let i = 0; i < messages.length; i += 50)
        await Promise.all(
          messages.slice(i, i + 50).map(async (message, j) => {
            const name = `${stamp}.M${String(i + j).padStart(7, "0")}P${process.pid}.yhteys`;
            const tmp = path.join(box, "tmp", name);
            await writeFile(tmp, typeof message === "string" ? message.replace(/\r?\n/g, "\r\n") : message);
            if (root) await chown(tmp, mailOwner.uid, mailOwner.gid);
            await rename(tmp, path.join(box, "new", name));
          }),
        );
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw RFC 5322 message for tests; `headers` are added as given. */
export function rawEmail(options: {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string | null;
  headers?: Record<string, string>;
  text?: string;
  html?: string;
  attachments?: { name: string; type: string; data: Buffer }[];
}): string {
  const headerLines = [
    `From: ${options.from ?? "Resident <resident@example.test>"}`,
    `To: ${options.to ?? "kirjaamo@example.test"}`,
    `Subject: ${options.subject ?? "Katuvalo rikki"}`,
    "Date: Mon, 30 Nov 2026 10:00:00 +0200",
    ...(options.messageId === null ? [] : [`Message-ID: ${options.messageId ?? `<${Math.random().toString(36).slice(2)}@example.test>`}`]),
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
  ];
  const text = options.text ?? "Hei, katuvalo on ollut rikki jo kaksi viikkoa. Voisitteko korjata sen? Kiitos";
  const parts: string[] = [];
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  parts.push(
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(Buffer.from(text).toString("base64"))}`,
  );
  if (options.html)
    parts.push(
      `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(Buffer.from(options.html).toString("base64"))}`,
    );
  let body: string;
  if (options.html && !options.attachments?.length) {
    headerLines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    body = `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`;
  } else if (options.attachments?.length) {
    headerLines.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
    const files = options.attachments.map(
      (a) =>
        `Content-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(a.data.toString("base64"))}`,
    );
    body = `${[...parts, ...files].map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`;
  } else {
    headerLines.push("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64");
    body = `${wrap(Buffer.from(text).toString("base64"))}\r\n`;
  }
  return `${headerLines.join("\r\n")}\r\n\r\n${body}`;
}

const wrap = (base64: string) => base64.replace(/.{1,76}/g, "$&\r\n").trimEnd();
