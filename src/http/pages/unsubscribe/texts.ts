import type { Localized } from "../../../consent/locales";
import type { UnsubscribeChoice } from "../../../consent/unsubscribe";

/** The unsubscribe page's words. {topic} is a topic's title, {by} a BY_CHANNEL phrase. */
export const UNSUBSCRIBE_TEXT = {
  title: { kk: "Хабарламалардан бас тарту", ru: "Отписка от рассылки", en: "Unsubscribe" },
  receivesTopic: {
    kk: "Сіз «{topic}» тақырыбындағы хабарламаларды {by} аласыз.",
    ru: "Вы подписаны на «{topic}» {by}.",
    en: "You receive “{topic}” {by}.",
  },
  callsTopic: {
    kk: "Сізге «{topic}» тақырыбы бойынша қоңырау шаламыз.",
    ru: "Мы звоним вам по теме «{topic}».",
    en: "We call you about “{topic}”.",
  },
  receivesAll: {
    kk: "Сіз біздің хабарламаларымызды {by} аласыз.",
    ru: "Вы получаете наши рассылки {by}.",
    en: "You receive our mailings {by}.",
  },
  callsAll: {
    kk: "Біз сізге телефон арқылы қоңырау шаламыз.",
    ru: "Мы звоним вам по телефону.",
    en: "We call you by phone.",
  },
  choose: {
    kk: "Нені тоқтатқыңыз келетінін таңдаңыз. Түймені баспайынша ештеңе өзгермейді.",
    ru: "Выберите, от чего отписаться. Пока вы не нажмёте кнопку, ничего не изменится.",
    en: "Choose what to stop. Nothing changes until you press a button.",
  },
  alreadyStopped: {
    kk: "Сіз бұл хабарламалардан бас тартып қойғансыз.",
    ru: "Вы уже отписались от этих сообщений.",
    en: "You have already unsubscribed from these messages.",
  },
  nothingChanged: {
    kk: "Ештеңе өзгерген жоқ: төмендегі түймелердің бірін басыңыз.",
    ru: "Ничего не изменено: нажмите одну из кнопок ниже.",
    en: "Nothing was changed: press one of the buttons below.",
  },
  more: {
    kk: "Басқа хабарламалардан да бас тартқыңыз келе ме?",
    ru: "Хотите отказаться и от других рассылок?",
    en: "Do you want to stop other mailings too?",
  },
  doneTitle: { kk: "Жазылымнан шықтыңыз", ru: "Вы отписались", en: "You’re unsubscribed" },
  /** Which address a page is about: an email address, a phone number, or both (a phone number is not an "адрес"). */
  forEmail: { kk: "Мекенжай: {addresses}.", ru: "Адрес: {addresses}.", en: "Address: {addresses}." },
  forPhone: { kk: "Нөмір: {addresses}.", ru: "Номер: {addresses}.", en: "Number: {addresses}." },
  forContacts: { kk: "Байланыс деректеріңіз: {addresses}.", ru: "Ваши контакты: {addresses}.", en: "Your contact details: {addresses}." },
  mayStillArrive: {
    kk: "Бұрын басталған таратылымнан бір хабарлама келуі мүмкін.",
    ru: "Если рассылка уже запущена, одно сообщение ещё может прийти.",
    en: "If a mailing is already under way, one message may still arrive.",
  },
  undoHint: {
    kk: "Қателесіп бас тарттыңыз ба? Мұны 48 сағат ішінде болдырмауға болады.",
    ru: "Отписались по ошибке? Это можно отменить в течение 48 часов.",
    en: "Unsubscribed by mistake? You can undo this within 48 hours.",
  },
  undo: { kk: "Қайта жазылу", ru: "Подписаться снова", en: "Subscribe again" },
  undone: {
    kk: "Өзгеріс болдырылмады: бұрынғы таңдауыңыз қалпына келтірілді.",
    ru: "Отменено: ваш прежний выбор восстановлен.",
    en: "Undone: your earlier choice is back.",
  },
  cannotUndo: {
    kk: "Енді болдырмау мүмкін емес: мерзімі өтті немесе таңдауыңыз содан бері өзгерді.",
    ru: "Отменить уже нельзя: срок отмены истёк или ваш выбор с тех пор изменился.",
    en: "This can no longer be undone: the time for it has passed, or your choices have changed since.",
  },
  invalidTitle: { kk: "Бұл сілтеме жарамсыз", ru: "Эта ссылка недействительна", en: "This link is not valid" },
  invalidHelp: {
    kk: "Сілтеменің толық көшірілгенін тексеріңіз немесе соңғы хаттағы сілтемені пайдаланыңыз.",
    ru: "Проверьте, что ссылка скопирована полностью, или воспользуйтесь ссылкой из последнего письма.",
    en: "Check that the whole link was copied, or use the link in our latest message.",
  },
  requestNew: { kk: "Жаңа сілтеме сұрау", ru: "Запросить новую ссылку", en: "Ask for a new link" },
  pauseHeading: { kk: "Бас тартудың орнына үзіліс жасаңыз", ru: "Вместо отписки — перерыв", en: "Take a break instead" },
  pauseHint: {
    kk: "Үзіліс кезінде біз ештеңе жібермейміз, таңдауларыңыз сақталады. Үзіліс өздігінен аяқталады.",
    ru: "На время перерыва мы ничего не присылаем, а ваш выбор сохраняется. Перерыв закончится сам.",
    en: "During a break we send nothing, and your choices stay as they are. The break ends by itself.",
  },
  pauseWhat: { kk: "Нені кідірту керек", ru: "Что приостановить", en: "What to pause" },
  pauseTopic: { kk: "«{topic}», барлық арна бойынша", ru: "«{topic}» по всем каналам", en: "“{topic}”, on every channel" },
  pauseEverything: { kk: "Барлық хабарламалар", ru: "Все рассылки", en: "All mailings" },
  digestHint: {
    kk: "Жиі ме? «{topic}» орнына тек айлық дайджест алуға болады.",
    ru: "Слишком часто? Вместо «{topic}» можно получать только ежемесячный дайджест.",
    en: "Too often? Instead of every “{topic}”, you can get only the monthly digest.",
  },
  digestButton: { kk: "Маған тек айлық дайджест жіберіңіз", ru: "Присылать только ежемесячный дайджест", en: "Send me only the monthly digest" },
  pausedTitle: { kk: "Хабарламалар кідіртілді", ru: "Рассылка приостановлена", en: "Mailings paused" },
  pausedTopic: {
    kk: "«{topic}» хабарламалары кідіртілді. Үзіліс аяқталатын күн: {until}.",
    ru: "«{topic}» не будет приходить до {until}.",
    en: "“{topic}” is paused until {until}.",
  },
  pausedAll: {
    kk: "Біз сізге ештеңе жібермейміз. Үзіліс аяқталатын күн: {until}.",
    ru: "До {until} мы ничего вам не пришлём.",
    en: "We will send you nothing until {until}.",
  },
  digestTitle: { kk: "Енді сирек", ru: "Теперь реже", en: "Less often from now on" },
  digestDone: {
    kk: "Енді «{topic}» бойынша тек айлық дайджест келеді.",
    ru: "Теперь по теме «{topic}» будет приходить только ежемесячный дайджест.",
    en: "From now on you will receive only the monthly digest of “{topic}”.",
  },
} satisfies Record<string, Localized>;

/** The pause buttons: how long. */
export const PAUSE_BUTTON: Record<"1" | "3", Localized> = {
  "1": { kk: "1 айға кідірту", ru: "Приостановить на 1 месяц", en: "Pause for 1 month" },
  "3": { kk: "3 айға кідірту", ru: "Приостановить на 3 месяца", en: "Pause for 3 months" },
};

/** Button labels: what stops. */
export const STOP_BUTTON: Record<UnsubscribeChoice, Localized> = {
  link: {
    kk: "«{topic}» тақырыбындағы хабарламаларды маған {by} бұдан былай жібермеңіз",
    ru: "Больше не присылать «{topic}» {by}",
    en: "Stop “{topic}” {by}",
  },
  channel: { kk: "Маған {by} ешқандай хабарлама жібермеңіз", ru: "Не присылать ничего {by}", en: "Stop all mailings {by}" },
  everything: {
    kk: "Ешбір арна арқылы ештеңе жібермеңіз",
    ru: "Не присылать ничего ни по одному каналу",
    en: "Stop everything, on every channel",
  },
};

/** The same buttons for calls ("everything" is never about calls alone). */
export const STOP_CALLS_BUTTON: Record<Exclude<UnsubscribeChoice, "everything">, Localized> = {
  link: { kk: "«{topic}» бойынша маған енді қоңырау шалмаңыз", ru: "Больше не звонить мне по теме «{topic}»", en: "Stop calls about “{topic}”" },
  channel: { kk: "Маған қоңырау шалмаңыз", ru: "Не звонить мне", en: "Do not call me" },
};

/** After a withdrawal: what will no longer come. */
export const STOPPED: Record<UnsubscribeChoice, Localized> = {
  link: {
    kk: "Енді сізге «{topic}» тақырыбындағы хабарламалар {by} жіберілмейді.",
    ru: "Вы больше не будете получать «{topic}» {by}.",
    en: "You will no longer receive “{topic}” {by}.",
  },
  channel: {
    kk: "Енді сізге {by} ешқандай хабарлама жіберілмейді.",
    ru: "Вы больше не будете получать от нас сообщений {by}.",
    en: "You will no longer receive any mailings from us {by}.",
  },
  everything: {
    kk: "Енді сізге ешбір арна арқылы хабарлама жіберілмейді.",
    ru: "Вы больше не будете получать от нас рассылок ни по одному каналу.",
    en: "You will no longer receive any mailings from us, on any channel.",
  },
};

/** After a withdrawal of calls. */
export const STOPPED_CALLS: Record<Exclude<UnsubscribeChoice, "everything">, Localized> = {
  link: {
    kk: "Енді сізге «{topic}» тақырыбы бойынша қоңырау шалмаймыз.",
    ru: "Мы больше не будем звонить вам по теме «{topic}».",
    en: "We will no longer call you about “{topic}”.",
  },
  channel: { kk: "Енді сізге қоңырау шалмаймыз.", ru: "Мы больше не будем вам звонить.", en: "We will no longer call you." },
};
