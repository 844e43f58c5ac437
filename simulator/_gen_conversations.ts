/**
 * Conversations API data: services and roles, conversations with messages and participants,
 * users and their conversations. Dates are ISO 8601, URLs are Twilio's absolute ones.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { childCount } from "./_counts.ts";
import { iso, SECOND_MS } from "./_dates.ts";
import {
  CONVERSATIONS_HOST as HOST,
  friendly,
  type GlobalContext,
  sortedTimes,
} from "./_gen_common.ts";
import { serviceData, userData } from "./_gen_conv_users.ts";
import { nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";

const MESSAGES = [0, 1, 12, 3] as const;
const PARTICIPANTS = [2, 0, 1, 4] as const;
const STATES = ["active", "active", "inactive", "closed"] as const;

/** Everything the Conversations endpoints serve. */
export interface ConversationData {
  readonly services: Row[];
  readonly roles: Map<string, Row[]>;
  readonly conversations: Row[];
  readonly messages: Map<string, Row[]>;
  readonly participants: Map<string, Row[]>;
  readonly users: Row[];
  readonly userConversations: Map<string, Row[]>;
}

/** Builds the Conversations data. */
export function conversationData(ctx: GlobalContext): ConversationData {
  const rng = Rng.of(ctx.seed, "conversations");
  const { services, roles } = serviceData(ctx);
  const serviceSid = String(services[0]?.sid ?? sidOf("IS", ctx.seed, "service", 0));
  const messages = new Map<string, Row[]>();
  const participants = new Map<string, Row[]>();
  const conversations = sortedTimes(rng, ctx.counts.conversations, ctx.from, ctx.now).map(
    (t, k) => {
      const sid = sidOf("CH", ctx.seed, "conversation", k);
      const url = `${HOST}/Conversations/${sid}`;
      const state = rng.pick(STATES);
      messages.set(sid, messageRows(ctx, sid, url, t, childCount(k, MESSAGES)));
      participants.set(sid, participantRows(ctx, sid, url, t, childCount(k, PARTICIPANTS)));
      return {
        account_sid: ctx.accountSid,
        chat_service_sid: serviceSid,
        messaging_service_sid: sidOf("MG", ctx.seed, "messaging"),
        sid,
        friendly_name: `${friendly(rng, k)} conversation`,
        unique_name: k % 3 === 0 ? `conversation-${k + 1}` : null,
        attributes: k % 2 === 0 ? "{}" : '{ "topic": "feedback" }',
        state,
        date_created: iso(t),
        date_updated: iso(t),
        timers: state === "active" ? {} : { date_inactive: iso(t), date_closed: iso(t) },
        url,
        links: {
          participants: `${url}/Participants`,
          messages: `${url}/Messages`,
          webhooks: `${url}/Webhooks`,
        },
        bindings: {},
        ...(k === 1 ? { tags: null } : {}),
      };
    },
  );
  const { users, userConversations } = userData(ctx, serviceSid, conversations);
  return { services, roles, conversations, messages, participants, users, userConversations };
}

function messageRows(ctx: GlobalContext, sid: string, url: string, t: number, n: number): Row[] {
  const rng = Rng.of(ctx.seed, sid, "messages");
  return sortedTimes(rng, n, t, ctx.now).map((at, index) => {
    const msid = sidOf("IM", ctx.seed, sid, index);
    const withMedia = index % 5 === 4;
    return {
      account_sid: ctx.accountSid,
      conversation_sid: sid,
      sid: msid,
      index,
      author: index % 2 === 0 ? "user1@example.com" : "+15017122661",
      body: withMedia ? null : rng.pick(["Hello!", "I like pie.", "On my way", "Thanks"]),
      media: withMedia
        ? [{
          sid: sidOf("ME", ctx.seed, msid),
          size: 42056,
          content_type: "image/jpeg",
          filename: "photo.jpg",
        }]
        : null,
      attributes: "{}",
      participant_sid: index % 2 === 0 ? sidOf("MB", ctx.seed, sid, "author") : null,
      date_created: iso(at),
      date_updated: iso(at),
      url: `${url}/Messages/${msid}`,
      delivery: index % 2 === 1
        ? {
          total: 2,
          sent: "all",
          delivered: "some",
          read: "some",
          failed: "none",
          undelivered: "none",
        }
        : null,
      links: {
        delivery_receipts: `${url}/Messages/${msid}/Receipts`,
        channel_metadata: `${url}/Messages/${msid}/ChannelMetadata`,
      },
      content_sid: null,
    };
  });
}

function participantRows(
  ctx: GlobalContext,
  sid: string,
  url: string,
  t: number,
  n: number,
): Row[] {
  const rng = Rng.of(ctx.seed, sid, "participants");
  return Array.from({ length: n }, (_, j) => {
    const psid = sidOf("MB", ctx.seed, sid, j);
    const sms = j % 2 === 1;
    const at = iso(Math.min(ctx.now, t + j * SECOND_MS));
    return {
      account_sid: ctx.accountSid,
      conversation_sid: sid,
      sid: psid,
      identity: sms ? null : `user${j + 1}@example.com`,
      attributes: sms ? '{ "role": "customer" }' : "{}",
      messaging_binding: sms
        ? {
          type: "sms",
          address: nanpNumber(rng, US_AREA_CODES).e164,
          proxy_address: "+15017122661",
        }
        : null,
      role_sid: sidOf("RL", ctx.seed, "default-participant-role"),
      date_created: at,
      date_updated: at,
      url: `${url}/Participants/${psid}`,
      last_read_message_index: sms ? null : j,
      last_read_timestamp: sms ? null : at,
    };
  });
}
