/**
 * The parts of a Discord interaction payload entitywatch reads, validated with zod at the
 * boundary (HTTP body or gateway packet). Unknown fields are ignored.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';

/** Interaction types (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4, modal: 5 } as const;

/** Response types. */
export const RESPONSE = { pong: 1, message: 4, deferredMessage: 5, autocompleteResult: 8 } as const;

const OptionValue = z.union([z.string(), z.number(), z.boolean()]);

const BasicOption = z.object({
  name: z.string(),
  type: z.number().int(),
  value: OptionValue.optional(),
  focused: z.boolean().optional(),
});

/** A top-level option: a value, or a subcommand holding values. */
const Option = BasicOption.extend({ options: z.array(BasicOption).optional() });

const User = z.object({ id: z.string() });

/** A file attached to a command (Discord's CDN holds it; `url` is signed and expires). */
export const Attachment = z.object({ id: z.string(), filename: z.string(), size: z.number().int().nonnegative(), url: z.url({ protocol: /^https?$/ }) }).loose();
export type Attachment = z.infer<typeof Attachment>;

export const Interaction = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number().int(),
  token: z.string(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  /** Present in guilds; `permissions` is the member's computed permissions in the channel. */
  member: z.object({ user: User, permissions: z.string().regex(/^\d+$/) }).optional(),
  /** Present in DMs. */
  user: User.optional(),
  data: z
    .object({
      name: z.string(),
      options: z.array(Option).optional(),
      /** Attachments given as options (type 11): the option's value is the key here. */
      resolved: z.object({ attachments: z.record(z.string(), Attachment).optional() }).loose().optional(),
    })
    .optional(),
});

export type Interaction = z.infer<typeof Interaction>;

export interface Invocation {
  command: string;
  subcommand: string | null;
  options: Record<string, string | number | boolean>;
  /** Name of the option being typed (autocomplete), else null. */
  focused: string | null;
}

const SUBCOMMAND = 1;

/** The command, subcommand and flattened option values of a command or autocomplete interaction. */
export function invocationOf(interaction: Interaction): Invocation | null {
  if (!interaction.data) return null;
  const top = interaction.data.options ?? [];
  const subcommand = top.find((o) => o.type === SUBCOMMAND) ?? null;
  const values = subcommand ? (subcommand.options ?? []) : top;
  const options: Record<string, string | number | boolean> = {};
  let focused: string | null = null;
  for (const option of values) {
    if (option.value !== undefined) options[option.name] = option.value;
    if (option.focused) focused = option.name;
  }
  return { command: interaction.data.name, subcommand: subcommand?.name ?? null, options, focused };
}

/** Manage Server or Administrator in the member's computed permissions; never in DMs. */
export function hasManageServer(interaction: Interaction): boolean {
  if (!interaction.member) return false;
  const bits = BigInt(interaction.member.permissions);
  return (bits & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/** The attachment given in option `name`, or null. */
export function attachmentOf(interaction: Interaction, invocation: Invocation, name: string): Attachment | null {
  const id = invocation.options[name];
  return typeof id === 'string' ? (interaction.data?.resolved?.attachments?.[id] ?? null) : null;
}

export function userIdOf(interaction: Interaction): string {
  return interaction.member?.user.id ?? interaction.user?.id ?? 'unknown';
}

export function channelIdOf(interaction: Interaction): string | null {
  return interaction.channel_id ?? interaction.channel?.id ?? null;
}
