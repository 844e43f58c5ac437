/**
 * Conversations services with their roles, and users with their conversations.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { childCount } from "./_counts.ts";
import { iso } from "./_dates.ts";
import {
  CONVERSATIONS_HOST as HOST,
  friendly,
  type GlobalContext,
  sortedTimes,
} from "./_gen_common.ts";
import { Rng, sidOf } from "./_random.ts";

const USER_CONVERSATIONS = [0, 1, 4, 2] as const;
const ROLES = [0, 1, 3] as const;

/** Services and their roles (by service SID). */
export function serviceData(ctx: GlobalContext): { services: Row[]; roles: Map<string, Row[]> } {
  const rng = Rng.of(ctx.seed, "conv-services");
  const roles = new Map<string, Row[]>();
  const services = sortedTimes(rng, ctx.counts.services, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("IS", ctx.seed, "service", k);
    const url = `${HOST}/Services/${sid}`;
    roles.set(sid, roleRows(ctx, sid, t, childCount(k, ROLES)));
    const links: Record<string, string> = {};
    for (const key of ["conversations", "users", "roles", "bindings", "configuration"]) {
      links[key] = `${url}/${key[0]?.toUpperCase()}${key.slice(1)}`;
    }
    return {
      account_sid: ctx.accountSid,
      sid,
      friendly_name: k === 0 ? "Default Conversations Service" : `${friendly(rng, k)} service`,
      date_created: iso(t),
      date_updated: iso(t),
      url,
      links,
    };
  });
  return { services, roles };
}

/** Users and their conversations (by user SID). */
export function userData(
  ctx: GlobalContext,
  serviceSid: string,
  conversations: readonly Row[],
): { users: Row[]; userConversations: Map<string, Row[]> } {
  const rng = Rng.of(ctx.seed, "conv-users");
  const userConversations = new Map<string, Row[]>();
  const users = sortedTimes(rng, ctx.counts.users, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("US", ctx.seed, "user", k);
    const url = `${HOST}/Users/${sid}`;
    const picks = Array.from(
      { length: childCount(k, USER_CONVERSATIONS) },
      (_, j) => conversations[(k + j) % Math.max(1, conversations.length)],
    );
    userConversations.set(
      sid,
      picks.flatMap((c) => c ? [userConversationRow(ctx, sid, url, c)] : []),
    );
    return {
      sid,
      account_sid: ctx.accountSid,
      chat_service_sid: serviceSid,
      role_sid: sidOf("RL", ctx.seed, "default-user-role"),
      identity: `user${k + 1}@example.com`,
      friendly_name: `User ${k + 1}`,
      attributes: "{}",
      is_online: k % 3 === 0 ? true : k % 3 === 1 ? false : null,
      is_notifiable: k % 2 === 0 ? null : true,
      date_created: iso(t),
      date_updated: iso(t),
      url,
      links: { user_conversations: `${url}/Conversations` },
    };
  });
  return { users, userConversations };
}

function roleRows(ctx: GlobalContext, serviceSid: string, t: number, n: number): Row[] {
  return Array.from({ length: n }, (_, j) => {
    const sid = sidOf("RL", ctx.seed, serviceSid, "role", j);
    const type = j % 2 === 0 ? "conversation" : "service";
    return {
      sid,
      account_sid: ctx.accountSid,
      chat_service_sid: serviceSid,
      friendly_name: type === "conversation"
        ? `Conversation Role ${j + 1}`
        : `Service Role ${j + 1}`,
      type,
      permissions: type === "conversation"
        ? ["sendMessage", "leaveConversation", "editOwnMessage", "deleteOwnMessage"]
        : ["createConversation", "joinConversation", "editOwnUserInfo"],
      date_created: iso(t),
      date_updated: iso(t),
      url: `${HOST}/Services/${serviceSid}/Roles/${sid}`,
    };
  });
}

function userConversationRow(ctx: GlobalContext, userSid: string, userUrl: string, c: Row): Row {
  const conversationSid = String(c.sid);
  const participantSid = sidOf("MB", ctx.seed, conversationSid, userSid);
  return {
    account_sid: ctx.accountSid,
    chat_service_sid: c.chat_service_sid,
    conversation_sid: conversationSid,
    unread_messages_count: Rng.of(ctx.seed, userSid, conversationSid).int(0, 9),
    last_read_message_index: 0,
    participant_sid: participantSid,
    user_sid: userSid,
    friendly_name: c.friendly_name,
    conversation_state: c.state === "closed"
      ? "closed"
      : c.state === "inactive"
      ? "inactive"
      : "active",
    timers: c.timers,
    attributes: c.attributes,
    date_created: c.date_created,
    date_updated: c.date_updated,
    created_by: "system",
    notification_level: "default",
    unique_name: c.unique_name,
    url: `${userUrl}/Conversations/${conversationSid}`,
    links: { participant: `${c.url}/Participants/${participantSid}`, conversation: String(c.url) },
  };
}
