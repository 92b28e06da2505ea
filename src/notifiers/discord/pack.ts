/**
 * Fit a header embed and its fields into Discord messages. Pure.
 *
 * Discord refuses a message with more than 10 embeds or more than 6,000 characters across its
 * embeds (titles, descriptions, field names and values, footers, author names), and an embed
 * with more than 25 fields. Fields are packed in order, greedily: the first message holds the
 * header and as many fields as fit; when some do not, it says how many follow, and the rest
 * become further messages (which the notifier posts in a thread on the first).
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  embedsPerMessage: 10,
  charsPerMessage: 6000,
  fieldsPerEmbed: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  /** Thread names: 1–100 characters. */
  threadName: 100,
  /** Room kept in the first message for the "N more in the thread" line. */
  summaryReserve: 80,
} as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  /** Always empty: no text from a source may ping anyone. */
  allowed_mentions: { parse: [] };
}

/** Characters Discord counts towards the 6,000 of a message. */
export function embedChars(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

export function messageChars(message: DiscordMessage): number {
  return message.embeds.reduce((sum, embed) => sum + embedChars(embed), 0);
}

function message(first: APIEmbed): DiscordMessage {
  return { embeds: [first], allowed_mentions: { parse: [] } };
}

export function packAlert(header: APIEmbed, fields: readonly APIEmbedField[]): DiscordMessage[] {
  const colour = header.color;
  const continuation = (): APIEmbed => (colour === undefined ? { fields: [] } : { color: colour, fields: [] });
  const messages: DiscordMessage[] = [message({ ...header, fields: [] })];
  let chars = embedChars(header);
  for (const f of fields) {
    const size = f.name.length + f.value.length;
    const budget = LIMITS.charsPerMessage - (messages.length === 1 ? LIMITS.summaryReserve : 0);
    let current = messages[messages.length - 1]!;
    let embed = current.embeds[current.embeds.length - 1]!;
    if (chars + size > budget) {
      current = message(continuation());
      messages.push(current);
      embed = current.embeds[0]!;
      chars = 0;
    } else if ((embed.fields ?? []).length >= LIMITS.fieldsPerEmbed) {
      if (current.embeds.length >= LIMITS.embedsPerMessage) {
        current = message(continuation());
        messages.push(current);
        chars = 0;
      } else {
        current.embeds.push(continuation());
      }
      embed = current.embeds[current.embeds.length - 1]!;
    }
    (embed.fields ??= []).push(f);
    chars += size;
  }
  if (messages.length > 1) announceRest(messages, fields.length);
  return messages;
}

/** Tell readers of the first message how many rows follow in the thread. */
function announceRest(messages: DiscordMessage[], total: number): void {
  const first = messages[0]!;
  const shown = first.embeds.reduce((n, e) => n + (e.fields?.length ?? 0), 0);
  const header = first.embeds[0]!;
  const line = `**${total - shown} more of ${total} in the thread below.**`;
  header.description = header.description ? `${header.description}\n\n${line}` : line;
}
