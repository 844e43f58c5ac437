import { z } from "zod";
import { bool, dateTime, links, num, obj, str, strList } from "./_common.ts";

/** A Verify Service (Verify v2): `GET https://verify.twilio.com/v2/Services`. */
export const VerifyService = z.object({
  sid: str(),
  account_sid: str(),
  friendly_name: str(),
  code_length: num(),
  lookup_enabled: bool(),
  psd2_enabled: bool(),
  skip_sms_to_landlines: bool(),
  dtmf_input_required: bool(),
  tts_name: str(),
  do_not_share_warning_enabled: bool(),
  custom_code_enabled: bool(),
  mailer_sid: str(),
  default_template_sid: str(),
  verify_event_subscription_enabled: bool(),
  totp: obj({ issuer: str(), time_step: num(), code_length: num(), skew: num() }),
  push: obj({ include_date: bool(), apn_credential_sid: str(), fcm_credential_sid: str() }),
  whatsapp: obj({ msg_service_sid: str(), from: str() }),
  passkeys: obj({
    relying_party: obj({ id: str(), name: str(), origins: strList() }),
    authenticator_attachment: str(),
    discoverable_credentials: str(),
    user_verification: str(),
  }),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links(
    "verification_checks",
    "rate_limits",
    "entities",
    "access_tokens",
    "verifications",
    "webhooks",
    "messaging_configurations",
  ),
}).loose();

/** A VerifyService record. */
export type VerifyService = z.infer<typeof VerifyService>;
