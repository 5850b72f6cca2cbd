import type { Language } from "./vocabulary-channels";

/**
 * Raw stream titles say nothing about the moment (a clip keeps the title the stream had), so only the clip's tags
 * carry the event. Generic titles describe a moment in which nothing in EVENTS happens.
 */
export const RAW_TITLES: Record<Language, string[]> = {
  en: [
    "🔴 LIVE | !discord !merch | day {n}",
    "ranked grind continues !socials",
    "(DROPS ON) {N}h stream",
    "24/7 subathon !timer",
    "NEW VIDEO OUT !yt | chill vibes",
    "late night stream w/ chat",
    "!sub !prime | road to {N} followers",
  ],
  es: ["🔴 EN DIRECTO | !redes", "[ES] directo de noche !discord", "maratón de {N} horas !sorteo"],
  pt: ["🔴 AO VIVO | !pix", "[PT-BR] live até cair", "live {n} de {N} !loja"],
  de: ["[DE] Stream mit Chat !socials", "🔴 LIVE | Tag {n}", "{N}h Subathon !timer"],
  fr: ["[FR] live tranquille !discord", "🔴 EN LIVE | soirée chill", "live du dimanche !planning"],
  ja: ["【{n}日目】雑談しながら", "【初見さん歓迎】", "{N}時間耐久配信"],
  ko: ["[KR] 오늘도 방송", "방송 {n}일차 !디스코드", "{N}시간 방송"],
};

export const GENERIC_TITLES: Record<Language, string[]> = {
  en: [
    "day {n} on {term}",
    "chill run on {term}",
    "first time on {term}, send help",
    "just vibing with chat",
    "{who} tries {term} with viewers",
  ],
  es: ["día {n} en {term}", "probando {term} con el chat"],
  pt: ["dia {n} em {term}", "jogando {term} com o chat"],
  de: ["Tag {n} in {term}", "entspannt {term} mit dem Chat"],
  fr: ["jour {n} sur {term}", "découverte de {term} avec le tchat"],
  ja: ["{term}を初見プレイ", "{term}で{n}日目"],
  ko: ["{term} 첫 플레이", "{term} {n}일차"],
};

export const GENERIC_TAGS = ["chill", "first-playthrough", "ranked", "coop-stream", "blind-run"];

/** The language tag a clipper may add (Twitch's language tags, as slugs). */
export const LANGUAGE_TAGS: Record<Language, string> = {
  en: "english",
  es: "espanol",
  pt: "portugues",
  de: "deutsch",
  fr: "francais",
  ja: "nihongo",
  ko: "hangugeo",
};

/** How a searcher asks for a language in a multi-intent query. */
export const LANGUAGE_WORDS: Record<Exclude<Language, "en">, string[]> = {
  es: ["en español", "spanish"],
  pt: ["em português", "brazilian"],
  de: ["auf deutsch", "german"],
  fr: ["en français", "french"],
  ja: ["日本語", "japanese"],
  ko: ["한국어", "korean"],
};
