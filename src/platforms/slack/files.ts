/**
 * Files for admin commands in Slack: reading a shared CSV (watchlist import) and sending one back
 * (screening results).
 *
 *   const read = slackFileReader({ client, botToken, log });
 *   const file = await read({ userId: 'U0123', channelId: 'C0123', ref: 'https://acme.slack.com/files/U0123/F0ABC/list.csv' });
 *   await sendFileToUser(client, 'U0123', { name: 'screen.csv', contentType: 'text/csv', bytes }, 'Screening results');
 *
 * Reading: a file link or id in the command (`F…`) is looked up with files.info; without one,
 * the newest CSV the user shared in this channel within the hour (files.list). The bytes come
 * from the file's private download URL with the bot token (files:read). A redirect or a web page
 * instead of the file means the token may not read it, and is said so; nothing is parsed.
 *
 * Sending: Slack's external upload flow (files.getUploadURLExternal → upload → files
 * .completeUploadExternal, which the SDK's filesUploadV2 performs) into the user's direct messages
 * with the app (conversations.open), because screening results name the team's counterparties
 * and a slash command's answer is only for the one who typed it.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChatFile, ReplyFile } from '../../../handlers/types.js';
import { describeError, UsageError } from '../../errors.js';
import { MAX_CHAT_FILE_BYTES, readCapped, tooLarge } from '../download.js';

/** How far back a file shared without a link is looked for. */
const RECENT_SECONDS = 60 * 60;

const SlackFile = z
  .object({
    id: z.string(),
    name: z.string().default('file'),
    filetype: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    created: z.number().optional(),
    url_private_download: z.url({ protocol: /^https?$/ }).optional(),
    url_private: z.url({ protocol: /^https?$/ }).optional(),
  })
  .loose();
type SlackFile = z.infer<typeof SlackFile>;

const FilesInfo = z.object({ file: SlackFile }).loose();
const FilesList = z.object({ files: z.array(SlackFile) }).loose();
const ConversationsOpen = z.object({ channel: z.object({ id: z.string() }).loose() }).loose();

/** "F0123ABCD" from an id or a Slack file link (…/files/U0123/F0123ABCD/name.csv). */
export function fileIdOf(ref: string): string | null {
  return /(?:^|[/\s<])(F[A-Z0-9]{6,})(?=$|[/\s>|])/.exec(ref.trim())?.[1] ?? null;
}

const isCsv = (f: SlackFile) => f.filetype === 'csv' || /\.(csv|tsv|txt)$/i.test(f.name);

async function findFile(client: WebClient, userId: string, channelId: string, ref: string | null, now: number): Promise<SlackFile> {
  if (ref !== null) {
    const id = fileIdOf(ref);
    if (!id) throw new UsageError('give the file as its Slack link ("Copy link to file") or its id (F…), or leave it out to use the CSV you last shared here');
    return FilesInfo.parse(await client.files.info({ file: id })).file;
  }
  const listed = FilesList.parse(await client.files.list({ channel: channelId, user: userId, ts_from: String(Math.floor(now / 1000) - RECENT_SECONDS), count: 20 }));
  const newest = listed.files.filter(isCsv).sort((a, b) => (b.created ?? 0) - (a.created ?? 0))[0];
  if (!newest) throw new UsageError('no CSV file from you in this channel in the last hour: share (drag in) the file here first, then run the command again, or give its link');
  return newest;
}

async function download(url: string, botToken: string, name: string): Promise<Buffer> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  if (res.status >= 300 && res.status < 400) throw new UsageError(`Slack would not hand over ${name} (redirected to sign in): the app needs the files:read scope — reinstall it from the manifest`);
  if (!res.ok) throw new UsageError(`Slack answered ${res.status} for ${name}: try sharing the file again`);
  if (type.includes('text/html')) throw new UsageError(`Slack sent a web page instead of ${name}: the app needs the files:read scope — reinstall it from the manifest`);
  return readCapped(res, name);
}

export interface FileRequest {
  userId: string;
  channelId: string;
  ref: string | null;
}

export function slackFileReader(options: { client: WebClient; botToken: string; log: Logger; now?: () => number }): (request: FileRequest) => Promise<ChatFile> {
  const now = options.now ?? Date.now;
  return async ({ userId, channelId, ref }) => {
    let file: SlackFile;
    try {
      file = await findFile(options.client, userId, channelId, ref, now());
    } catch (err) {
      if (err instanceof UsageError) throw err;
      options.log.warn({ user: userId, reason: describeError(err) }, 'slack file lookup failed');
      throw new UsageError(`the file could not be found (${describeError(err)}): is the app in this channel, with the files:read scope?`, { cause: err });
    }
    if ((file.size ?? 0) > MAX_CHAT_FILE_BYTES) throw tooLarge(file.name);
    const url = file.url_private_download ?? file.url_private;
    if (!url) throw new UsageError(`${file.name} has no download link (an external or deleted file?): share the CSV itself`);
    return { name: file.name, bytes: await download(url, options.botToken, file.name) };
  };
}

/** Upload `file` into the user's direct messages with the app. Throws on failure (caller says so). */
export async function sendFileToUser(client: WebClient, userId: string, file: ReplyFile, comment: string): Promise<void> {
  const { channel } = ConversationsOpen.parse(await client.conversations.open({ users: userId }));
  await client.filesUploadV2({ channel_id: channel.id, file: file.bytes, filename: file.name, title: file.name, initial_comment: comment });
}
