import type { Channel } from "../../../consent/channels";
import type { Localized } from "../../../consent/locales";

/** Each channel as a noun, for the boxes of a topic. */
export const CHANNEL_NAMES: Record<Channel, Localized> = {
  email: { kk: "Электрондық пошта", ru: "Электронная почта", en: "Email" },
  sms: { kk: "SMS", ru: "SMS", en: "SMS" },
  voice: { kk: "Телефон қоңыраулары", ru: "Телефонные звонки", en: "Phone calls" },
  whatsapp: { kk: "WhatsApp", ru: "WhatsApp", en: "WhatsApp" },
  telegram: { kk: "Telegram", ru: "Telegram", en: "Telegram" },
};

/** Each channel as a noun in the middle of a sentence: lower case where the language writes it so. */
export const CHANNEL_WORDS: Record<Channel, Localized> = {
  email: { kk: "электрондық пошта", ru: "электронная почта", en: "email" },
  sms: { kk: "SMS", ru: "SMS", en: "SMS" },
  voice: { kk: "телефон қоңыраулары", ru: "телефонные звонки", en: "phone calls" },
  whatsapp: { kk: "WhatsApp", ru: "WhatsApp", en: "WhatsApp" },
  telegram: { kk: "Telegram", ru: "Telegram", en: "Telegram" },
};

/** The preference page's words. {by} is a BY_CHANNEL phrase, {topic} a topic's title. */
export const PREFERENCES_TEXT = {
  title: { kk: "Хабарлама баптаулары", ru: "Настройки рассылок", en: "Mailing preferences" },
  intro: {
    kk: "Қандай хабарламаларды және қай арна арқылы алғыңыз келетінін белгілеңіз, содан кейін «Сақтау» түймесін басыңыз.",
    ru: "Отметьте, какие сообщения и по каким каналам вы хотите получать, и нажмите «Сохранить».",
    en: "Tick the messages you want and how you want them, then press “Save”.",
  },
  addresses: { kk: "Байланыс деректеріңіз:", ru: "Ваши контакты:", en: "Your contact details:" },
  partner: {
    kk: "Бұл хабарламаларды серіктестеріміздің атынан жібереміз.",
    ru: "Эти сообщения мы отправляем от имени партнёров.",
    en: "We send these on behalf of our partners.",
  },
  confirmByEmail: {
    kk: "Электрондық поштаға жазылсаңыз, оны біз жіберетін хаттағы сілтеме арқылы растау қажет.",
    ru: "Подписку по электронной почте нужно подтвердить по ссылке из письма, которое мы отправим.",
    en: "To subscribe by email, follow the link in the email we will send you.",
  },
  needsEmail: {
    kk: "қосу үшін электрондық пошта арқылы растау керек, бірақ бізде сіздің электрондық поштаңыз жоқ",
    ru: "чтобы включить, нужно подтверждение по электронной почте, но вашего адреса у нас нет",
    en: "turning this on needs a confirmation by email, and we have no email address for you",
  },
  grantExpired: {
    kk: "келісіміңіздің мерзімі өтті: алуды жалғастыру үшін қайта белгілеңіз",
    ru: "срок вашего согласия истёк: отметьте снова, чтобы получать и дальше",
    en: "your consent has expired: tick it again to keep receiving these",
  },
  awaiting: {
    kk: "растауыңызды күтуде: поштаңызды тексеріңіз",
    ru: "ждёт вашего подтверждения: проверьте почту",
    en: "awaiting your confirmation: check your email",
  },
  pausedAll: {
    kk: "Қазір барлық хабарлама тоқтатылған: ештеңе жіберілмейді. Төмендегі таңдауларыңыз сақталған және тоқтатуды алып тастағанда қайта күшіне енеді.",
    ru: "Сейчас все рассылки остановлены: ничего не отправляется. Ваш выбор ниже сохранён и снова начнёт действовать, когда вы снимете остановку.",
    en: "All mailings are stopped now: nothing is sent. Your choices below are kept and apply again when you lift the stop.",
  },
  pausedChannel: {
    kk: "Қазір {by} ештеңе жіберілмейді; бұл арна бойынша таңдауларыңыз сақталған.",
    ru: "Сейчас {by} ничего не отправляется; ваш выбор для этого канала сохранён.",
    en: "Nothing is sent {by} now; your choices for it are kept.",
  },
  pausedCalls: {
    kk: "Қазір сізге қоңырау шалмаймыз; қоңыраулар бойынша таңдауларыңыз сақталған.",
    ru: "Сейчас мы вам не звоним; ваш выбор для звонков сохранён.",
    en: "We do not call you now; your choices for calls are kept.",
  },
  stopHeading: { kk: "Хабарламаларды тоқтату", ru: "Остановить рассылки", en: "Stop mailings" },
  stopChannel: { kk: "Маған {by} ештеңе жібермеңіз", ru: "Ничего не присылать мне {by}", en: "Send me nothing {by}" },
  stopCalls: { kk: "Маған қоңырау шалмаңыз", ru: "Не звонить мне", en: "Do not call me" },
  stopAll: {
    kk: "Маған ешбір арна арқылы ешқандай хабарлама жібермеңіз",
    ru: "Не присылать мне никаких рассылок ни по одному каналу",
    en: "Send me no mailings at all, on any channel",
  },
  stopNote: {
    kk: "Тоқтатылған кезде ештеңе жіберілмейді, ал төмендегі таңдауларыңыз кейінге сақталады.",
    ru: "Пока рассылки остановлены, ничего не отправляется, а ваш выбор ниже сохраняется на будущее.",
    en: "While stopped, nothing is sent; your choices below are kept for later.",
  },
  save: { kk: "Сақтау", ru: "Сохранить", en: "Save" },
  saved: { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." },
  /** What a save did, one result sentence per box or stop switch moved; {channel} is a CHANNEL_WORDS noun. */
  topicOn: { kk: "«{topic}» ({channel}): жазылым қосылды", ru: "«{topic}» ({channel}): подписка включена", en: "“{topic}” ({channel}): subscribed" },
  topicOff: { kk: "«{topic}» ({channel}): жазылым өшірілді", ru: "«{topic}» ({channel}): отписка", en: "“{topic}” ({channel}): unsubscribed" },
  channelStopped: { kk: "Хабарламаларды {by} жіберу тоқтатылды", ru: "Рассылки {by} остановлены", en: "Mailings {by} stopped" },
  channelResumed: { kk: "Хабарламаларды {by} жіберу қайта басталды", ru: "Рассылки {by} возобновлены", en: "Mailings {by} resumed" },
  callsStopped: { kk: "Қоңыраулар тоқтатылды", ru: "Звонки остановлены", en: "Calls stopped" },
  callsResumed: { kk: "Қоңыраулар қайта басталды", ru: "Звонки возобновлены", en: "Calls resumed" },
  allStopped: { kk: "Барлық хабарламаны жіберу тоқтатылды", ru: "Все рассылки остановлены", en: "All mailings stopped" },
  allResumed: { kk: "Барлық хабарламаны жіберу қайта басталды", ru: "Все рассылки возобновлены", en: "All mailings resumed" },
  nothingToSave: { kk: "Өзгеріс жоқ: ештеңе сақталмады.", ru: "Изменений нет: ничего не сохранено.", en: "Nothing changed, so nothing was saved." },
  confirmSent: {
    kk: "«{topic}» жазылымын растау үшін сізге хат жібердік. Хаттағы сілтемеге өткенде ғана күшіне енеді.",
    ru: "Мы отправили вам письмо, чтобы подтвердить подписку на «{topic}». Она начнёт действовать, когда вы перейдёте по ссылке из письма.",
    en: "We sent you an email to confirm “{topic}”. It takes effect when you follow the link in it.",
  },
  confirmNotSent: {
    kk: "«{topic}» жазылымын растау хатын қазір жіберу мүмкін болмады. Кейінірек қайталап көріңіз.",
    ru: "Письмо для подтверждения подписки на «{topic}» сейчас не удалось отправить. Попробуйте позже.",
    en: "We could not send the email to confirm “{topic}” just now. Please try again later.",
  },
  formInvalid: {
    kk: "Пішін ескірген немесе бүлінген: ештеңе сақталмады. Бетті жаңартып, қайталаңыз.",
    ru: "Форма устарела или повреждена: ничего не сохранено. Обновите страницу и попробуйте снова.",
    en: "The form is out of date or damaged: nothing was saved. Reload the page and try again.",
  },
  digestOnly: { kk: "Тек айлық дайджест", ru: "Только ежемесячный дайджест", en: "Monthly digest only" },
  digestOn: { kk: "«{topic}»: тек айлық дайджест", ru: "«{topic}»: только ежемесячный дайджест", en: "“{topic}”: monthly digest only" },
  digestOff: { kk: "«{topic}»: барлық шығарылымдар", ru: "«{topic}»: все выпуски", en: "“{topic}”: every issue" },
  pauseSummary: { kk: "1 немесе 3 айға үзіліс жасау", ru: "Сделать перерыв на 1 или 3 месяца", en: "Take a break for 1 or 3 months" },
  pausedChannelUntil: {
    kk: "Біз сізге {by} ештеңе жібермейміз. Үзіліс аяқталатын күн: {until}.",
    ru: "До {until} мы ничего не пришлём {by}.",
    en: "We will send you nothing {by} until {until}.",
  },
  resume: { kk: "Үзілісті қазір аяқтау", ru: "Возобновить сейчас", en: "Resume now" },
  resumed: {
    kk: "Үзіліс аяқталды: хабарламалар бұрынғыдай келеді.",
    ru: "Перерыв окончен: рассылки снова приходят как раньше.",
    en: "The break has ended: mailings come as before.",
  },
} satisfies Record<string, Localized>;

/** The page at /p where a person asks for a new link by email. */
export const REQUEST_TEXT = {
  title: { kk: "Баптауларға сілтеме алу", ru: "Получить ссылку на настройки", en: "Get a link to your preferences" },
  expired: { kk: "Бұл сілтеменің мерзімі өтіп кетті.", ru: "Срок действия этой ссылки истёк.", en: "This link has expired." },
  invalid: { kk: "Бұл сілтеме жарамсыз.", ru: "Эта ссылка недействительна.", en: "This link is not valid." },
  help: {
    kk: "Электрондық пошта мекенжайыңызды енгізіңіз: біз оған хабарлама баптауларына жаңа сілтеме жібереміз.",
    ru: "Введите адрес электронной почты, и мы пришлём на него новую ссылку на настройки рассылок.",
    en: "Enter your email address and we will send you a new link to your mailing preferences.",
  },
  emailLabel: { kk: "Электрондық пошта мекенжайы", ru: "Адрес электронной почты", en: "Email address" },
  send: { kk: "Сілтемені жіберу", ru: "Отправить ссылку", en: "Send me the link" },
  sent: {
    kk: "Егер бұл мекенжай бізде тіркелген болса, оған сілтеме жібердік. Поштаңызды тексеріңіз.",
    ru: "Если этот адрес есть у нас, мы отправили на него ссылку. Проверьте почту.",
    en: "If we know this address, we have sent a link to it. Check your inbox.",
  },
  badEmail: {
    kk: "Бұл электрондық пошта мекенжайына ұқсамайды. Тексеріп, қайталаңыз.",
    ru: "Это не похоже на адрес электронной почты. Проверьте и попробуйте снова.",
    en: "That does not look like an email address. Check it and try again.",
  },
  tooMany: {
    kk: "Сұраныстар тым көп. Бірнеше минуттан кейін қайталаңыз.",
    ru: "Слишком много запросов. Попробуйте через несколько минут.",
    en: "Too many requests. Please try again in a few minutes.",
  },
  /** Under "expired" or "not valid": the way forward. */
  wayForward: {
    kk: "Төмендегі форма арқылы жаңа сілтеме сұраңыз немесе бізге хабарласыңыз:",
    ru: "Запросите новую ссылку в форме ниже или свяжитесь с нами:",
    en: "Ask for a new link with the form below, or contact us:",
  },
  // No SMS gateway sends links (docs/preferences.md): a phone-only person replies STOP instead.
  phoneTitle: { kk: "Тек телефон нөміріңіз бар ма?", ru: "У вас только номер телефона?", en: "Only have a phone number?" },
  phoneStop: {
    kk: "Біз сілтемені SMS арқылы жібермейміз. Бізден SMS алғыңыз келмесе, кез келген SMS хабарламамызға бір сөзбен жауап беріңіз: {words}.",
    ru: "По SMS мы ссылки не отправляем. Чтобы больше не получать от нас SMS, ответьте на любое наше SMS одним словом: {words}.",
    en: "We do not send links by SMS. To stop our text messages, reply to any of them with one word: {words}.",
  },
  phoneOther: {
    kk: "Басқа баптауларды өзгерту үшін бізге хабарласыңыз:",
    ru: "Чтобы изменить другие настройки, свяжитесь с нами:",
    en: "To change anything else, contact us:",
  },
  or: { kk: "немесе", ru: "или", en: "or" },
} satisfies Record<string, Localized>;

/** The double opt-in confirmation page at /c/{token}. */
export const CONFIRM_TEXT = {
  title: { kk: "Жазылуды растау", ru: "Подтверждение подписки", en: "Confirm your subscription" },
  ask: {
    kk: "«{topic}» тақырыбындағы хабарламаларды {by} алғыңыз келетінін растаңыз.",
    ru: "Подтвердите подписку на «{topic}» {by}.",
    en: "Please confirm that you want to receive “{topic}” {by}.",
  },
  askCalls: {
    kk: "«{topic}» тақырыбы бойынша сізге қоңырау шалуымызға келісетініңізді растаңыз.",
    ru: "Подтвердите, что согласны на звонки по теме «{topic}».",
    en: "Please confirm that we may call you about “{topic}”.",
  },
  button: { kk: "Растау", ru: "Подтвердить", en: "Confirm" },
  confirmed: {
    kk: "Расталды: енді сіз «{topic}» тақырыбындағы хабарламаларды {by} аласыз.",
    ru: "Подтверждено: теперь вы подписаны на «{topic}» {by}.",
    en: "Confirmed: you will now receive “{topic}” {by}.",
  },
  confirmedCalls: {
    kk: "Расталды: енді сізге «{topic}» тақырыбы бойынша қоңырау шала аламыз.",
    ru: "Подтверждено: теперь мы можем звонить вам по теме «{topic}».",
    en: "Confirmed: we may now call you about “{topic}”.",
  },
  stale: {
    kk: "Бұл растау енді күшінде емес: содан бері баптауларыңыз өзгерді.",
    ru: "Это подтверждение больше не действует: с тех пор ваши настройки изменились.",
    en: "This confirmation no longer applies: your preferences have changed since.",
  },
  expired: {
    kk: "Растау сілтемесінің мерзімі өтіп кетті. Баптаулар бетінен қайта жазылыңыз.",
    ru: "Срок действия ссылки для подтверждения истёк. Подпишитесь снова на странице настроек.",
    en: "This confirmation link has expired. Subscribe again from your preferences page.",
  },
} satisfies Record<string, Localized>;

/** The link from other pages to the preference page. */
export const MANAGE_LINK: Localized = {
  kk: "Барлық хабарлама баптауларын басқару",
  ru: "Настроить рассылки",
  en: "Manage all your mailing preferences",
};
