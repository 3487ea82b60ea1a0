import type { AllowReason, BlockReason } from "../../../consent/decision";
import type { Localized } from "../../../consent/locales";
import type { ConsentSource, LedgerStatus } from "../../../consent/sources";

/** The console's own words (operators read them; kk, ru, en like every page). */
export const CONSOLE_TEXT = {
  console: { kk: "Операторлар консолі", ru: "Консоль операторов", en: "Operators' console" },
  navigation: { kk: "Консоль бөлімдері", ru: "Разделы консоли", en: "Console sections" },
  people: { kk: "Адамдар", ru: "Люди", en: "People" },
  signOut: { kk: "Шығу", ru: "Выйти", en: "Sign out" },
  timesIn: { kk: "Уақыт жергілікті: {offset}.", ru: "Время местное: {offset}.", en: "Times are local: {offset}." },
  noPermission: {
    kk: "Бұл үшін кілтіңізде «{scope}» рұқсаты жоқ.",
    ru: "Для этого у вашего ключа нет права «{scope}».",
    en: "Your key lacks the “{scope}” scope for this.",
  },
} satisfies Record<string, Localized>;

export const SIGN_IN_TEXT = {
  title: { kk: "Консольге кіру", ru: "Вход в консоль", en: "Sign in to the console" },
  help: {
    kk: "«console» рұқсаты бар API кілтін енгізіңіз. Кілт сақталмайды: оның орнына 12 сағатқа сессия ашылады.",
    ru: "Введите API-ключ с правом «console». Ключ не сохраняется: вместо него открывается сеанс на 12 часов.",
    en: "Enter an API key that has the “console” scope. The key is not kept: a session of 12 hours is opened instead.",
  },
  keyLabel: { kk: "API кілті", ru: "API-ключ", en: "API key" },
  button: { kk: "Кіру", ru: "Войти", en: "Sign in" },
  badKey: { kk: "Бұл кілт жарамсыз.", ru: "Этот ключ недействителен.", en: "This key is not valid." },
  noScope: {
    kk: "Бұл кілтпен консольге кіруге болмайды: оның «console» рұқсаты жоқ.",
    ru: "С этим ключом нельзя войти в консоль: у него нет права «console».",
    en: "This key may not open the console: it lacks the “console” scope.",
  },
  tooMany: {
    kk: "Кіру әрекеттері тым көп. Бір минут күтіп, қайталаңыз.",
    ru: "Слишком много попыток входа. Подождите минуту и попробуйте снова.",
    en: "Too many sign-in attempts. Wait a minute and try again.",
  },
  signedOut: { kk: "Сіз консольден шықтыңыз.", ru: "Вы вышли из консоли.", en: "You have signed out." },
  signInFirst: {
    kk: "Бұл бетті ашу үшін кіріңіз (немесе сессияңыз аяқталды).",
    ru: "Войдите, чтобы открыть эту страницу (или ваш сеанс завершился).",
    en: "Sign in to open this page (or your session has ended).",
  },
} satisfies Record<string, Localized>;

export const SEARCH_TEXT = {
  title: { kk: "Адамды табу", ru: "Найти человека", en: "Find a person" },
  help: {
    kk: "API сияқты дәл сәйкестік бойынша: электрондық пошта, телефон нөмірі (8 7xx … немесе +7 …) немесе ұйымның өз пайдаланушы идентификаторы.",
    ru: "Точное совпадение, как в API: адрес электронной почты, номер телефона (8 7xx … или +7 …) или собственный идентификатор пользователя в организации.",
    en: "An exact match, as the API finds it: an email address, a phone number (8 7xx … or +7 …) or the organisation's own user id.",
  },
  by: { kk: "Неге қарап іздеу", ru: "Искать по", en: "Search by" },
  email: { kk: "Электрондық пошта", ru: "Электронная почта", en: "Email" },
  phone: { kk: "Телефон", ru: "Телефон", en: "Phone" },
  externalId: { kk: "Сыртқы идентификатор", ru: "Внешний идентификатор", en: "External id" },
  value: { kk: "Іздеу мәні", ru: "Что искать", en: "Search for" },
  button: { kk: "Табу", ru: "Найти", en: "Find" },
  notFound: { kk: "Ешкім табылмады.", ru: "Никто не найден.", en: "No one was found." },
  badEmail: { kk: "Бұл электрондық пошта мекенжайы емес.", ru: "Это не адрес электронной почты.", en: "This is not an email address." },
  badPhone: {
    kk: "Бұл телефон нөмірі емес (қазақстандық нөмірді 8 7xx … түрінде жазуға болады).",
    ru: "Это не номер телефона (казахстанские номера можно писать как 8 7xx …).",
    en: "This is not a phone number (Kazakh numbers may be given as 8 7xx …).",
  },
  badExternalId: {
    kk: "Сыртқы идентификатор 1-ден 128 таңбаға дейін болады.",
    ru: "Внешний идентификатор — от 1 до 128 символов.",
    en: "An external id is 1 to 128 characters.",
  },
} satisfies Record<string, Localized>;

export const PERSON_TEXT = {
  title: { kk: "Адам", ru: "Человек", en: "Person" },
  details: { kk: "Деректер", ru: "Данные", en: "Details" },
  id: { kk: "Контакт идентификаторы", ru: "Идентификатор контакта", en: "Contact id" },
  email: { kk: "Электрондық пошта", ru: "Электронная почта", en: "Email" },
  phone: { kk: "Телефон", ru: "Телефон", en: "Phone" },
  externalId: { kk: "Сыртқы идентификатор", ru: "Внешний идентификатор", en: "External id" },
  locale: { kk: "Тілі", ru: "Язык", en: "Language" },
  createdAt: { kk: "Құрылған уақыты", ru: "Создан", en: "Created" },
  none: { kk: "көрсетілмеген", ru: "не указан", en: "not given" },
  matrixTitle: { kk: "Қазіргі таңдаулар", ru: "Текущий выбор", en: "Current choices" },
  matrixHelp: {
    kk: "Тексеру әр тақырыпты әр арна арқылы қазір жіберуге рұқсат бере ме (тыныш сағаттарды есепке алмағанда) және неге.",
    ru: "Разрешит ли проверка отправки сейчас каждую тему по каждому каналу (без учёта тихих часов) и почему.",
    en: "Whether a send check would allow each topic on each channel now (sending windows aside), and why.",
  },
  matrixCaption: { kk: "Тақырыптар мен арналар", ru: "Темы и каналы", en: "Topics and channels" },
  topic: { kk: "Тақырып", ru: "Тема", en: "Topic" },
  allowed: { kk: "Рұқсат", ru: "Разрешено", en: "Allowed" },
  blocked: { kk: "Тыйым", ru: "Запрещено", en: "Blocked" },
  notUsed: { kk: "қолданылмайды", ru: "не используется", en: "not used" },
  ledgerTitle: { kk: "Келісімдер журналы", ru: "Журнал согласий", en: "Consent ledger" },
  ledgerHelp: {
    kk: "Барлық келісім оқиғасы, ең жаңасы басында.",
    ru: "Все события согласия, сначала новые.",
    en: "Every consent event, newest first.",
  },
  ledgerEmpty: {
    kk: "Ешбір келісім немесе бас тарту тіркелмеген.",
    ru: "Ни одного согласия или отказа не записано.",
    en: "No consent or withdrawal is recorded.",
  },
  allTopics: { kk: "Барлық тақырыптар", ru: "Все темы", en: "All topics" },
  allChannels: { kk: "барлық арналар", ru: "все каналы", en: "all channels" },
  occurredAt: { kk: "Болған уақыты", ru: "Когда", en: "Occurred" },
  recordedAt: { kk: "Тіркелген уақыты", ru: "Записано", en: "Recorded" },
  source: { kk: "Қалай", ru: "Как", en: "How" },
  actor: { kk: "Кім тіркеді", ru: "Кем записано", en: "Recorded by" },
  policyVersion: { kk: "Саясат нұсқасы", ru: "Версия политики", en: "Policy version" },
  evidence: { kk: "Дәлелдер", ru: "Доказательства", en: "Evidence" },
  proofTitle: { kk: "Келісімнің дәлелі", ru: "Доказательство согласия", en: "Proof of consent" },
  proofHelp: {
    kk: "Толық журнал, API беретіндей (GET /v1/contacts/{id}/consents).",
    ru: "Весь журнал в том виде, в каком его отдаёт API (GET /v1/contacts/{id}/consents).",
    en: "The whole ledger, as the API gives it (GET /v1/contacts/{id}/consents).",
  },
  proofJson: { kk: "JSON жүктеп алу", ru: "Скачать JSON", en: "Download JSON" },
  proofCsv: { kk: "CSV жүктеп алу", ru: "Скачать CSV", en: "Download CSV" },
  linkTitle: { kk: "Баптауларға сілтеме", ru: "Ссылка на настройки", en: "Preference link" },
  linkHelp: {
    kk: "Адамның электрондық поштасына оның тілінде баптаулар бетіне жаңа сілтеме жібереді. 10 минут ішінде қайта бассаңыз, басқа хат жіберілмейді.",
    ru: "Отправляет человеку на почту свежую ссылку на страницу настроек, на его языке. Повторное нажатие в течение 10 минут больше ничего не отправит.",
    en: "Emails the person a fresh link to their preference page, in their language. Pressing again within 10 minutes sends nothing more.",
  },
  linkButton: { kk: "Баптау сілтемесін жіберу", ru: "Отправить ссылку на настройки", en: "Email a preference link" },
  linkSent: { kk: "Сілтеме поштаға жіберілді.", ru: "Ссылка отправлена на почту.", en: "The link has been emailed." },
  linkNoEmail: {
    kk: "Бұл адамның электрондық поштасы жоқ: сілтемені жіберетін жер жоқ.",
    ru: "У этого человека нет адреса электронной почты: ссылку некуда отправить.",
    en: "This person has no email address: there is nowhere to send a link.",
  },
  linkNotConfigured: {
    kk: "Мұнда пошта бапталмаған, сондықтан ештеңе жіберілмеді.",
    ru: "Почта здесь не настроена, поэтому ничего не отправлено.",
    en: "Mail is not set up here, so nothing was sent.",
  },
  linkFailed: {
    kk: "Хатты қазір жіберу мүмкін болмады. Кейінірек қайталаңыз.",
    ru: "Письмо сейчас не удалось отправить. Попробуйте позже.",
    en: "The mail could not be sent just now. Try again later.",
  },
  eraseTitle: { kk: "Өшіру", ru: "Удаление", en: "Erase" },
  eraseHelp: {
    kk: "Өшіру адамның мекенжайларын, сыртқы идентификаторын және тілін біржола жояды; журнал жеке басын анықтайтын деректерсіз қалады, ал мекенжайлары бұғатталған күйде қалады. Мұны кері қайтару мүмкін емес.",
    ru: "Удаление навсегда стирает адреса человека, внешний идентификатор и язык; журнал остаётся без идентифицирующих данных, а адреса остаются заблокированными. Отменить это нельзя.",
    en: "Erasing removes the person's addresses, external id and language for good; the ledger stays without identifying data, and the addresses stay blocked. This cannot be undone.",
  },
  confirmEmail: {
    kk: "Растау үшін адамның электрондық пошта мекенжайын теріңіз",
    ru: "Для подтверждения введите адрес электронной почты человека",
    en: "To confirm, type the person's email address",
  },
  confirmPhone: {
    kk: "Растау үшін адамның телефон нөмірін теріңіз",
    ru: "Для подтверждения введите номер телефона человека",
    en: "To confirm, type the person's phone number",
  },
  confirmExternalId: {
    kk: "Растау үшін адамның сыртқы идентификаторын теріңіз",
    ru: "Для подтверждения введите внешний идентификатор человека",
    en: "To confirm, type the person's external id",
  },
  confirmId: {
    kk: "Растау үшін контакт идентификаторын теріңіз",
    ru: "Для подтверждения введите идентификатор контакта",
    en: "To confirm, type the contact id",
  },
  eraseButton: { kk: "Осы адамды өшіру", ru: "Удалить этого человека", en: "Erase this person" },
  eraseMismatch: {
    kk: "Терілген мән сәйкес келмейді, сондықтан ештеңе өшірілмеді.",
    ru: "Введённое не совпадает, поэтому ничего не удалено.",
    en: "What you typed does not match, so nothing was erased.",
  },
  erasedTitle: { kk: "Өшірілген адам", ru: "Удалённый человек", en: "Erased person" },
  erasedText: {
    kk: "Бұл адам өшірілген: оның жеке деректері жойылған, тек өшіру туралы жазба көрсетіледі.",
    ru: "Этот человек удалён: его персональные данные стёрты, показывается только запись об удалении.",
    en: "This person was erased: their personal data is gone, and only the erasure record is shown.",
  },
  erasedAt: { kk: "Өшірілген уақыты", ru: "Когда удалён", en: "Erased at" },
  erasedBy: { kk: "Өшірген API кілті", ru: "API-ключ, которым удалён", en: "Erased with API key" },
  erasedEvents: {
    kk: "Жеке деректерсіз сақталған журнал оқиғалары",
    ru: "События журнала, сохранённые без идентифицирующих данных",
    en: "Ledger events kept without identifying data",
  },
  erasedAddresses: {
    kk: "Тек кілтті хэш ретінде сақталған мекенжайлар (әлі бұғатталған)",
    ru: "Адреса, сохранённые только как ключевые хеши (по-прежнему заблокированы)",
    en: "Addresses kept only as keyed hashes (still blocked)",
  },
  notFoundTitle: { kk: "Мұндай адам жоқ", ru: "Такого человека нет", en: "No such person" },
  findAnother: { kk: "Басқа адамды табу", ru: "Найти другого человека", en: "Find another person" },
} satisfies Record<string, Localized>;

/** Every decision reason as a short phrase for a cell of the matrix. */
export const REASON_TEXT: Record<AllowReason | BlockReason, Localized> = {
  explicit_consent: { kk: "нақты келісім", ru: "явное согласие", en: "explicit consent" },
  baseline_consent: { kk: "жалпы келісім", ru: "общее согласие", en: "general consent" },
  unknown_contact: { kk: "белгісіз контакт", ru: "неизвестный контакт", en: "unknown contact" },
  erased: { kk: "өшірілген", ru: "удалён", en: "erased" },
  no_address: { kk: "бұл арнаға мекенжай жоқ", ru: "нет адреса для этого канала", en: "no address for this channel" },
  suppressed: { kk: "мекенжай бұғатталған (қайтарылған хат не шағым)", ru: "адрес заблокирован (возврат или жалоба)", en: "address suppressed (bounce or complaint)" },
  withdrawn_all: { kk: "барлығынан бас тартқан", ru: "отказ от всего", en: "stopped everything" },
  withdrawn_channel: { kk: "осы арнадан бас тартқан", ru: "отказ от этого канала", en: "stopped this channel" },
  withdrawn_topic: { kk: "осы тақырыптан бас тартқан", ru: "отказ от этой темы", en: "stopped this topic" },
  pending_confirmation: { kk: "пошта арқылы растауды күтуде", ru: "ждёт подтверждения по почте", en: "awaiting email confirmation" },
  withdrawn_topic_channel: { kk: "осы арна бойынша жазылымнан бас тартқан", ru: "отписка по этому каналу", en: "unsubscribed on this channel" },
  no_consent: { kk: "келісім жоқ", ru: "нет согласия", en: "no consent" },
  consent_expired: { kk: "келісім мерзімі өткен", ru: "срок согласия истёк", en: "consent expired" },
  paused: { kk: "уақытша тоқтатылған", ru: "на паузе", en: "paused" },
  digest_only: { kk: "тек айлық дайджест", ru: "только ежемесячный дайджест", en: "monthly digest only" },
  frequency_capped: { kk: "хабарлама жиілігінің шегі", ru: "достигнут лимит частоты", en: "frequency cap reached" },
  quiet_hours: { kk: "тыныш сағаттар", ru: "тихие часы", en: "quiet hours" },
  outside_sending_window: { kk: "жіберу уақытынан тыс", ru: "вне времени отправки", en: "outside the sending window" },
};

/** How an event came about, as the timeline says it. */
export const SOURCE_TEXT: Record<ConsentSource, Localized> = {
  api: { kk: "API", ru: "API", en: "API" },
  web_form: { kk: "сайттағы форма", ru: "форма на сайте", en: "web form" },
  paper_form: { kk: "қағаз форма", ru: "бумажная форма", en: "paper form" },
  phone_call: { kk: "телефон қоңырауы", ru: "телефонный звонок", en: "phone call" },
  in_person: { kk: "жеке өзі", ru: "лично", en: "in person" },
  operator: { kk: "оператор", ru: "оператор", en: "operator" },
  import: { kk: "импорт", ru: "импорт", en: "import" },
  one_click: { kk: "бір рет басып бас тарту", ru: "отписка в один клик", en: "one-click unsubscribe" },
  unsubscribe_page: { kk: "бас тарту беті", ru: "страница отписки", en: "unsubscribe page" },
  preference_page: { kk: "баптаулар беті", ru: "страница настроек", en: "preference page" },
  double_opt_in: { kk: "пошта арқылы растау", ru: "подтверждение по почте", en: "email confirmation" },
  bounce: { kk: "қайтарылған хат", ru: "возврат письма", en: "bounce" },
  complaint: { kk: "спам туралы шағым", ru: "жалоба на спам", en: "spam complaint" },
  sms_keyword: { kk: "SMS жауабы", ru: "ответ по SMS", en: "SMS reply" },
  email_reply: { kk: "пошта арқылы бас тарту", ru: "отписка по почте", en: "unsubscribe by email" },
};

export const STATUS_TEXT: Record<LedgerStatus, Localized> = {
  granted: { kk: "келісім берілді", ru: "согласие дано", en: "granted" },
  withdrawn: { kk: "келісім кері алынды", ru: "согласие отозвано", en: "withdrawn" },
  cleared: { kk: "жазба алынып тасталды", ru: "запись снята", en: "cleared" },
  pending: { kk: "растауды күтуде", ru: "ждёт подтверждения", en: "awaiting confirmation" },
  suppressed: { kk: "мекенжай бұғатталды", ru: "адрес заблокирован", en: "address suppressed" },
  paused: { kk: "уақытша тоқтатылды", ru: "поставлено на паузу", en: "paused" },
  resumed: { kk: "қайта жалғасты", ru: "возобновлено", en: "resumed" },
  digest: { kk: "тек айлық дайджест таңдалды", ru: "выбран только ежемесячный дайджест", en: "monthly digest only chosen" },
  digest_off: { kk: "дайджест қана емес, бәрі", ru: "снова все выпуски", en: "every issue again" },
};

/** The imports pages (issue 12 item 5). */
export { IMPORTS_TEXT } from "./imports-texts";
// Send checks, campaigns, suppressions and API keys (issue 12, items 4 and 6): one block, so that merges stay easy.

/** Words several of these pages share. */
export const OPS_TEXT = {
  sendChecks: { kk: "Тексерулер", ru: "Проверки", en: "Send checks" },
  campaigns: { kk: "Жіберілімдер", ru: "Рассылки", en: "Campaigns" },
  suppressions: { kk: "Бұғаттаулар", ru: "Блокировки", en: "Suppressions" },
  apiKeys: { kk: "API кілттері", ru: "API-ключи", en: "API keys" },
  older: { kk: "Ескілері", ru: "Более ранние", en: "Older" },
  newest: { kk: "Ең жаңалары", ru: "Самые новые", en: "Newest" },
  empty: { kk: "Әзірге ештеңе жоқ.", ru: "Пока ничего нет.", en: "Nothing yet." },
  badCursor: {
    kk: "«cursor» мәні жарамсыз: тізімді басынан ашыңыз.",
    ru: "Значение «cursor» недействительно: откройте список с начала.",
    en: "The “cursor” value is not valid: open the list from the start.",
  },
  badLimit: {
    kk: "«limit» мәні 1-ден 200-ге дейінгі бүтін сан болады.",
    ru: "Значение «limit» — целое число от 1 до 200.",
    en: "The “limit” value is a whole number from 1 to 200.",
  },
  notFound: { kk: "Мұндай жазба жоқ.", ru: "Такой записи нет.", en: "There is no such record." },
  when: { kk: "Уақыты", ru: "Когда", en: "When" },
  topic: { kk: "Тақырып", ru: "Тема", en: "Topic" },
  channel: { kk: "Арна", ru: "Канал", en: "Channel" },
  byKey: { kk: "Кілт", ru: "Ключ", en: "Key" },
  details: { kk: "Толығырақ", ru: "Подробнее", en: "Details" },
  none: { kk: "жоқ", ru: "нет", en: "none" },
} satisfies Record<string, Localized>;

export const SEND_CHECKS_TEXT = {
  title: { kk: "Жіберуді тексерулер", ru: "Проверки отправки", en: "Send checks" },
  help: {
    kk: "Тіркелген әр тексеру, ең жаңасы басында: кім, қашан, қандай тақырып пен арна, қаншасына рұқсат етілді және неге басқаларына тыйым салынды.",
    ru: "Каждая записанная проверка, сначала новые: кто, когда, какая тема и канал, скольким разрешено и почему остальным нет.",
    en: "Every recorded check, newest first: who, when, which topic and channel, how many were allowed and why the others were not.",
  },
  campaign: { kk: "Жіберілім", ru: "Рассылка", en: "Campaign" },
  campaignHelp: { kk: "Жіберілімнің өз белгісі, дәл сәйкестік.", ru: "Собственная метка рассылки, точное совпадение.", en: "The campaign's own label, an exact match." },
  filter: { kk: "Сүзу", ru: "Отобрать", en: "Filter" },
  showAll: { kk: "Барлығын көрсету", ru: "Показать все", en: "Show all" },
  badCampaign: {
    kk: "«Жіберілім» өрісі 1-ден 200 таңбаға дейін болады.",
    ru: "Поле «Рассылка» — от 1 до 200 символов.",
    en: "The “Campaign” field is 1 to 200 characters.",
  },
  total: { kk: "Барлығы", ru: "Всего", en: "Total" },
  allowed: { kk: "Рұқсат", ru: "Разрешено", en: "Allowed" },
  blocked: { kk: "Тыйым", ru: "Запрещено", en: "Blocked" },
  reasons: { kk: "Себептер", ru: "Причины", en: "Reasons" },
  reason: { kk: "Себеп", ru: "Причина", en: "Reason" },
  count: { kk: "Саны", ru: "Количество", en: "Count" },
  sendAt: { kk: "Жіберу уақыты", ru: "Время отправки", en: "Send time" },
  oneTitle: { kk: "Жіберуді тексеру", ru: "Проверка отправки", en: "Send check" },
  listCaption: { kk: "Тексерулер, ең жаңасы басында", ru: "Проверки, сначала новые", en: "Checks, newest first" },
  reasonsCaption: { kk: "Шешімдер себеп бойынша", ru: "Решения по причинам", en: "Decisions by reason" },
  kind: { kk: "Түрі", ru: "Вид", en: "Kind" },
  digest: { kk: "тақырыптың дайджесті үшін", ru: "для дайджеста темы", en: "for the topic's digest" },
  committed: {
    kk: "рұқсат етілгендер жіберілді деп есептелді (жиілік шектеулері үшін)",
    ru: "разрешённые засчитаны как отправленные (для ограничений частоты)",
    en: "the allowed were counted as sent (for the frequency caps)",
  },
  notCommitted: { kk: "тек тексеру, ештеңе есептелмеді", ru: "только проверка, ничего не засчитано", en: "a check only, nothing counted" },
} satisfies Record<string, Localized>;

export const CAMPAIGNS_TEXT = {
  title: { kk: "Жіберілімдер", ru: "Рассылки", en: "Campaigns" },
  help: {
    kk: "Сервис өзі бөліктермен жіберетін хат жіберілімдері, ең жаңасы басында. Әр бөлік алдында келісім қайта тексеріледі.",
    ru: "Рассылки писем, которые сервис отправляет сам частями, сначала новые. Перед каждой частью согласие проверяется снова.",
    en: "Email campaigns the service sends itself in batches, newest first. Consent is checked again before each batch.",
  },
  reference: { kk: "Белгі", ru: "Метка", en: "Reference" },
  status: { kk: "Күйі", ru: "Состояние", en: "Status" },
  sent: { kk: "Жіберілді", ru: "Отправлено", en: "Sent" },
  allowed: { kk: "Рұқсат етілген", ru: "Разрешено", en: "Allowed" },
  failed: { kk: "Сәтсіз", ru: "Не удалось", en: "Failed" },
  queued: { kk: "Кезекте", ru: "В очереди", en: "Queued" },
  blocked: { kk: "Тыйым", ru: "Запрещено", en: "Blocked" },
  cancelledCount: { kk: "Тоқтатылды", ru: "Отменено", en: "Cancelled" },
  bounced: { kk: "Қайтарылды", ru: "Возвраты", en: "Bounced" },
  complained: { kk: "Шағымдар", ru: "Жалобы", en: "Complaints" },
  recipients: { kk: "Алушылар", ru: "Получатели", en: "Recipients" },
  batches: { kk: "Бөліктер", ru: "Части", en: "Batches" },
  batchesOf: { kk: "{total} бөліктің {done}", ru: "{done} из {total}", en: "{done} of {total}" },
  progress: { kk: "Барысы", ru: "Ход отправки", en: "Progress" },
  sendAt: { kk: "Жіберу уақыты", ru: "Время отправки", en: "Send time" },
  expectedFinish: { kk: "Күтілетін аяқталуы", ru: "Ожидаемое окончание", en: "Expected finish" },
  created: { kk: "Құрылды", ru: "Создана", en: "Created" },
  sendCheck: { kk: "Бастапқы тексеру", ru: "Исходная проверка", en: "Initial send check" },
  blockedByReason: { kk: "Тыйым себептері", ru: "Причины запрета", en: "Blocked, by reason" },
  errors: { kk: "Алғашқы қателер", ru: "Первые ошибки", en: "First errors" },
  batch: { kk: "Бөлік", ru: "Часть", en: "Batch" },
  cancelTitle: { kk: "Жіберілімді тоқтату", ru: "Остановить рассылку", en: "Stop the campaign" },
  cancelHelp: {
    kk: "Әлі жіберілмегеннің бәрі біржола тоқтайды; жолдағы бөлік бәрібір кетеді.",
    ru: "Всё, что ещё не отправлено, останавливается навсегда; часть, которая уже в пути, всё равно уйдёт.",
    en: "Everything not sent yet stops for good; a batch already on its way still goes.",
  },
  cancelButton: { kk: "Жіберілімді тоқтату", ru: "Остановить рассылку", en: "Stop this campaign" },
  cancelled: { kk: "Жіберілім тоқтатылды.", ru: "Рассылка остановлена.", en: "The campaign has been stopped." },
  finished: {
    kk: "Жіберілім аяқталған: тоқтататын ештеңе қалмады.",
    ru: "Рассылка завершена: останавливать нечего.",
    en: "The campaign has finished: there is nothing left to stop.",
  },
  oneTitle: { kk: "Жіберілім", ru: "Рассылка", en: "Campaign" },
  listCaption: { kk: "Жіберілімдер, ең жаңасы басында", ru: "Рассылки, сначала новые", en: "Campaigns, newest first" },
} satisfies Record<string, Localized>;

/** A campaign's status as /v1 names it (src/campaigns/status.ts). */
export const CAMPAIGN_STATUS_TEXT = {
  scheduled: { kk: "жоспарланған", ru: "запланирована", en: "scheduled" },
  sending: { kk: "жіберілуде", ru: "отправляется", en: "sending" },
  done: { kk: "аяқталды", ru: "завершена", en: "done" },
  cancelled: { kk: "тоқтатылды", ru: "остановлена", en: "cancelled" },
  failed: { kk: "сәтсіз", ru: "не удалась", en: "failed" },
} satisfies Record<string, Localized>;

export const SUPPRESSIONS_TEXT = {
  title: { kk: "Бұғатталған мекенжайлар", ru: "Заблокированные адреса", en: "Suppressed addresses" },
  help: {
    kk: "Хат қайтарылған, спам деп шағымданған немесе өшірілген адамдардың мекенжайларына ешқашан жіберілмейді. Сервис мекенжайдың өзін емес, кілтті хэшін сақтайды.",
    ru: "На адреса, с которых письма вернулись, на которые пожаловались как на спам или которые принадлежали удалённым людям, ничего не отправляется. Сервис хранит не сам адрес, а его ключевой хеш.",
    en: "Addresses that bounced, complained of spam or belonged to erased people are never sent to. The service keeps only a keyed hash of each, not the address.",
  },
  counts: { kk: "Сандар", ru: "Количество", en: "Counts" },
  hard_bounce: { kk: "Қайтарылған хаттар", ru: "Возвраты писем", en: "Hard bounces" },
  complaint: { kk: "Спам туралы шағымдар", ru: "Жалобы на спам", en: "Spam complaints" },
  erased: { kk: "Өшірілгендердің мекенжайлары", ru: "Адреса удалённых", en: "Addresses of erased people" },
  erasures: { kk: "Өшірілген адамдар", ru: "Удалённые люди", en: "People erased" },
  hash: { kk: "Хэш", ru: "Хеш", en: "Hash" },
  kind: { kk: "Түрі", ru: "Вид", en: "Kind" },
  allChannels: { kk: "барлық арналар", ru: "все каналы", en: "all channels" },
  listTitle: { kk: "Тізім", ru: "Список", en: "List" },
  listCaption: { kk: "Бұғаттаулар, ең жаңасы басында", ru: "Блокировки, сначала новые", en: "Suppressions, newest first" },
  exportTitle: { kk: "CSV экспорты", ru: "Экспорт в CSV", en: "CSV export" },
  exportHashes: { kk: "Хэштерді жүктеп алу (CSV)", ru: "Скачать хеши (CSV)", en: "Download the hashes (CSV)" },
  exportAddresses: { kk: "Мекенжайларымен жүктеп алу (CSV)", ru: "Скачать с адресами (CSV)", en: "Download with addresses (CSV)" },
  exportAddressesHelp: {
    kk: "Мекенжай әлі белгілі адамдарда ғана болады (өшірілгендерде мекенжай жоқ). Файлды қорғаңыз: онда жеке деректер бар.",
    ru: "Адрес будет только у людей, которые ещё известны (у удалённых адреса нет). Берегите файл: в нём персональные данные.",
    en: "Only people still known have an address (erased people have none). Keep the file safe: it holds personal data.",
  },
  exportAddressesNeeds: {
    kk: "Мекенжайларымен экспорт үшін кілтке «contacts:read» рұқсаты керек.",
    ru: "Для экспорта с адресами ключу нужно право «contacts:read».",
    en: "Exporting with addresses needs a key with the “contacts:read” scope.",
  },
} satisfies Record<string, Localized>;

/** One suppression's kind, as a row of the list says it. */
export const SUPPRESSION_KIND_TEXT = {
  hard_bounce: { kk: "қайтарылған хат", ru: "возврат письма", en: "hard bounce" },
  complaint: { kk: "спам туралы шағым", ru: "жалоба на спам", en: "spam complaint" },
  erased: { kk: "өшірілген адам", ru: "удалённый человек", en: "erased person" },
} satisfies Record<string, Localized>;

export const API_KEYS_TEXT = {
  title: { kk: "API кілттері", ru: "API-ключи", en: "API keys" },
  help: {
    kk: "Сақталған әр кілт, кері алынғандары да. Кілттің өзі сақталмайды, тек оның хэші мен алғашқы таңбалары.",
    ru: "Каждый сохранённый ключ, отозванные тоже. Сам ключ не хранится, только его хеш и первые символы.",
    en: "Every stored key, revoked ones too. The key itself is not kept, only its hash and first characters.",
  },
  listCaption: { kk: "Кілттер", ru: "Ключи", en: "Keys" },
  id: { kk: "Идентификатор", ru: "Идентификатор", en: "Id" },
  name: { kk: "Атауы", ru: "Название", en: "Name" },
  prefix: { kk: "Басы", ru: "Начало", en: "Starts with" },
  scopes: { kk: "Рұқсаттар", ru: "Права", en: "Scopes" },
  created: { kk: "Құрылды", ru: "Создан", en: "Created" },
  createdBy: { kk: "Кім құрды", ru: "Кем создан", en: "Created by" },
  lastUsedNotKept: {
    kk: "Соңғы қолданылған уақыты сақталмайды.",
    ru: "Время последнего использования не хранится.",
    en: "When a key was last used is not kept.",
  },
  state: { kk: "Күйі", ru: "Состояние", en: "State" },
  active: { kk: "жұмыс істейді", ru: "действует", en: "active" },
  revokedState: { kk: "кері алынған", ru: "отозван", en: "revoked" },
  revokeLink: { kk: "Кері алу…", ru: "Отозвать…", en: "Revoke…" },
  createTitle: { kk: "Жаңа кілт", ru: "Новый ключ", en: "New key" },
  createHelp: {
    kk: "Кілт тек өзіңіздің кілтіңізде бар рұқсаттарды бере алады.",
    ru: "Ключ может получить только те права, которые есть у вашего ключа.",
    en: "A key can only be given scopes your own key holds.",
  },
  createButton: { kk: "Кілт құру", ru: "Создать ключ", en: "Create the key" },
  badName: { kk: "«Атауы» өрісі 1-ден 100 таңбаға дейін болады.", ru: "Поле «Название» — от 1 до 100 символов.", en: "The “Name” field is 1 to 100 characters." },
  badScopes: {
    kk: "«Рұқсаттар» өрісі: кемінде біреуін таңдаңыз, тек кілтіңізде барларынан.",
    ru: "Поле «Права»: выберите хотя бы одно, только из тех, что есть у вашего ключа.",
    en: "The “Scopes” field: choose at least one, only among those your key holds.",
  },
  createdTitle: { kk: "Кілт құрылды", ru: "Ключ создан", en: "Key created" },
  shownOnce: {
    kk: "Кілтті қазір көшіріп, қауіпсіз жерде сақтаңыз: ол тек осы жолы көрсетіледі және оны қайта көрсету мүмкін емес.",
    ru: "Скопируйте ключ сейчас и сохраните в надёжном месте: он показан только этот раз, и показать его снова нельзя.",
    en: "Copy the key now and keep it somewhere safe: it is shown this once and cannot be shown again.",
  },
  theKey: { kk: "Кілт", ru: "Ключ", en: "The key" },
  backToList: { kk: "Кілттер тізіміне", ru: "К списку ключей", en: "Back to the keys" },
  revokeTitle: { kk: "Кілтті кері алу", ru: "Отозвать ключ", en: "Revoke a key" },
  revokeHelp: {
    kk: "Кері алынған кілт бірден жұмысын тоқтатады (басқа жерлерде 30 секунд ішінде), оның консоль сессиялары да. Мұны кері қайтару мүмкін емес.",
    ru: "Отозванный ключ сразу перестаёт работать (в других местах — в течение 30 секунд), как и его сеансы в консоли. Отменить это нельзя.",
    en: "A revoked key stops working at once (elsewhere within 30 seconds), and so do its console sessions. This cannot be undone.",
  },
  revokeButton: { kk: "Осы кілтті кері алу", ru: "Отозвать этот ключ", en: "Revoke this key" },
  revokeUnconfirmed: {
    kk: "Растау жоқ, сондықтан кілт кері алынбады.",
    ru: "Нет подтверждения, поэтому ключ не отозван.",
    en: "Not confirmed, so the key was not revoked.",
  },
  revoked: { kk: "Кілт кері алынды.", ru: "Ключ отозван.", en: "The key has been revoked." },
  alreadyRevoked: { kk: "Бұл кілт бұрын кері алынған.", ru: "Этот ключ уже отозван.", en: "This key is revoked already." },
  noSuchKey: { kk: "Мұндай кілт жоқ.", ru: "Такого ключа нет.", en: "There is no such key." },
} satisfies Record<string, Localized>;

/** The audience page (/admin/audience): who may be reached, the trends, the complaint rate. */
export const AUDIENCE_TEXT = {
  nav: { kk: "Аудитория", ru: "Аудитория", en: "Audience" },
  title: { kk: "Аудитория", ru: "Аудитория", en: "Audience" },
  filterTitle: { kk: "Сүзгі", ru: "Фильтр", en: "Filter" },
  topic: { kk: "Тақырып", ru: "Тема", en: "Topic" },
  channel: { kk: "Арна", ru: "Канал", en: "Channel" },
  anyTopic: { kk: "Кез келген тақырып (бәрі бірге)", ru: "Любая тема (все вместе)", en: "Any topic (all together)" },
  everyTopic: { kk: "Барлық тақырыпқа бірден жазылғандар", ru: "Записанное сразу для всех тем", en: "Recorded for every topic at once" },
  anyChannel: { kk: "Кез келген арна (бәрі бірге)", ru: "Любой канал (все вместе)", en: "Any channel (all together)" },
  everyChannel: { kk: "Барлық арнаға бірден жазылғандар", ru: "Записанное сразу для всех каналов", en: "Recorded for every channel at once" },
  show: { kk: "Көрсету", ru: "Показать", en: "Show" },
  badFilter: {
    kk: "Сүзгідегі «{field}» мәні белгісіз. Тізімнен таңдаңыз.",
    ru: "Значение «{field}» в фильтре неизвестно. Выберите из списка.",
    en: "The filter's “{field}” is not one of the choices. Pick one from the list.",
  },
  reachTitle: { kk: "Қазір кімге жіберуге болады", ru: "Кому можно отправлять сейчас", en: "Who may be reached now" },
  reachHelp: {
    kk: "Әр тақырып пен арна бойынша: тексеру қазір рұқсат беретін контактілер саны, ал қалғандары үшін — себептері (жіберу уақыты мен жиілік шегін есепке алмағанда).",
    ru: "По каждой теме и каналу: сколько контактов проверка отправки пропустила бы сейчас, а для остальных — почему нет (без учёта времени отправки и лимитов частоты).",
    en: "For each topic and channel: how many contacts a send check would allow now, and for the others why not (sending windows and frequency caps aside).",
  },
  computedAt: {
    kk: "{at} есептелген (әр сағат сайын), {contacts} контакт (өшірілмеген).",
    ru: "Рассчитано {at} (ежечасно), контактов: {contacts} (не удалённых).",
    en: "Computed at {at} (hourly), over {contacts} contacts (not erased).",
  },
  notComputed: {
    kk: "Әзірге есептелмеген: бұл сандарды сағат сайынғы тапсырма санайды, ол әлі орындалмаған. Бір сағаттан кейін қайта қараңыз.",
    ru: "Пока не рассчитано: эти числа считает ежечасное задание, и оно ещё не выполнялось. Загляните через час.",
    en: "Not computed yet: these numbers come from an hourly job that has not run yet. Look again within the hour.",
  },
  reachCaption: { kk: "Тақырыптар мен арналар бойынша қамту", ru: "Охват по темам и каналам", en: "Reach by topic and channel" },
  reachable: { kk: "Жіберуге болады", ru: "Можно отправлять", en: "May be reached" },
  unreachable: { kk: "Болмайды, себебі", ru: "Нельзя, потому что", en: "May not, because" },
  ofContacts: { kk: "{count} / {total}", ru: "{count} из {total}", en: "{count} of {total}" },
  nobodyBlocked: { kk: "бәріне болады", ru: "можно всем", en: "everyone may be" },
  noCells: { kk: "Бұл сүзгіге сәйкес тақырып пен арна жоқ.", ru: "Под этот фильтр не подходит ни одна тема с каналом.", en: "No topic and channel match this filter." },
  trendsTitle: { kk: "Соңғы 90 күн", ru: "Последние 90 дней", en: "The last 90 days" },
  trendsHelp: {
    kk: "Келісім журналының күн сайынғы оқиғалары, Астана күндері ({from} – {to}). Қайтарылған хаттар мен шағымдар барлық тақырыпқа бірден жазылады: оларды «Кез келген тақырып» немесе «Барлық тақырыпқа бірден» сүзгісімен көресіз.",
    ru: "События журнала согласий по дням, дни по Астане ({from} – {to}). Возвраты и жалобы записываются сразу для всех тем: их видно с темой «Любая тема» или «Записанное сразу для всех тем».",
    en: "Consent ledger events per day, Astana days ({from} – {to}). Bounces and complaints are recorded for every topic at once: they show under “Any topic” or “Recorded for every topic at once”.",
  },
  granted: { kk: "Келісімдер", ru: "Согласия", en: "Grants" },
  withdrawn: { kk: "Бас тартулар", ru: "Отказы", en: "Withdrawals" },
  bounced: { kk: "Қайтарылған хаттар", ru: "Возвраты писем", en: "Bounces" },
  complained: { kk: "Спам туралы шағымдар", ru: "Жалобы на спам", en: "Complaints" },
  sent: { kk: "Жіберілген хаттар", ru: "Отправлено писем", en: "Emails sent" },
  chartSummary: {
    kk: "90 күнде барлығы {total}; бір күндегі ең көбі {max} ({day}).",
    ru: "Всего за 90 дней: {total}; больше всего за день: {max} ({day}).",
    en: "{total} in 90 days; the most in one day: {max} ({day}).",
  },
  chartEmpty: { kk: "90 күнде бірде-бір жоқ.", ru: "За 90 дней ни одного.", en: "None in 90 days." },
  scaleTop: { kk: "Шкала жоғарысы: {max}", ru: "Верх шкалы: {max}", en: "Top of the scale: {max}" },
  numbers: { kk: "Күндер бойынша сандар", ru: "Числа по дням", en: "The numbers, day by day" },
  day: { kk: "Күн", ru: "День", en: "Day" },
  rateTitle: { kk: "Шағымдар үлесі (электрондық пошта)", ru: "Доля жалоб (электронная почта)", en: "Complaint rate (email)" },
  rateHelp: {
    kk: "Күн сайын: сол күнгі спам шағымдары / сол күні жіберілген хаттар (науқандар және commit: true тексерулері), барлық тақырып бойынша. Gmail мен Yahoo жаппай жіберушілерден 0,1 %-дан төмен болуды талап етеді және 0,3 %-дан асқанда шара қолданады. Хат жіберілмеген күндердің үлесі жоқ.",
    ru: "По дням: жалобы на спам за день / писем отправлено в тот же день (кампании и проверки с commit: true), по всем темам. Gmail и Yahoo требуют от массовых отправителей держаться ниже 0,1 % и принимают меры выше 0,3 %. У дней без отправок доли нет.",
    en: "Per day: spam complaints that day / emails sent that day (campaigns and send checks with commit: true), over every topic. Gmail and Yahoo want bulk senders below 0.1 % and act above 0.3 %. Days with no sends have no rate.",
  },
  rateOverall: {
    kk: "90 күнде: {sent} хатқа {complaints} шағым, яғни {rate}.",
    ru: "За 90 дней: {complaints} жалоб на {sent} писем, то есть {rate}.",
    en: "Over 90 days: {complaints} complaints on {sent} emails sent, that is {rate}.",
  },
  rateBelow: { kk: "Бұл 0,1 %-дан төмен.", ru: "Это ниже 0,1 %.", en: "This is below 0.1 %." },
  rateAbove1: {
    kk: "Бұл 0,1 %-дан жоғары: Gmail мен Yahoo талап ететін деңгейден асады.",
    ru: "Это выше 0,1 %: больше, чем допускают Gmail и Yahoo.",
    en: "This is above 0.1 %: more than Gmail and Yahoo allow.",
  },
  rateAbove3: {
    kk: "Бұл 0,3 %-дан жоғары: Gmail мен Yahoo хаттарды бұғаттай бастайды.",
    ru: "Это выше 0,3 %: Gmail и Yahoo начинают отклонять письма.",
    en: "This is above 0.3 %: Gmail and Yahoo start to reject the mail.",
  },
  rateNoSends: {
    kk: "Соңғы 90 күнде бірде-бір хат жіберілмеген (науқандар мен commit: true тексерулері бойынша): көрсететін үлес жоқ.",
    ru: "За последние 90 дней не отправлено ни одного письма (по кампаниям и проверкам с commit: true): доли нет.",
    en: "No email was sent in the last 90 days (by campaigns and send checks with commit: true): there is no rate to show.",
  },
  rateChart: {
    kk: "Күн сайынғы шағымдар үлесі, 0,1 % және 0,3 % сызықтарымен.",
    ru: "Доля жалоб по дням, с линиями 0,1 % и 0,3 %.",
    en: "The complaint rate per day, with lines at 0.1 % and 0.3 %.",
  },
  line1: { kk: "0,1 %: Gmail мен Yahoo шегі", ru: "0,1 %: предел Gmail и Yahoo", en: "0.1 %: Gmail's and Yahoo's limit" },
  line3: { kk: "0,3 %: бұдан жоғары хаттар қабылданбайды", ru: "0,3 %: выше письма отклоняются", en: "0.3 %: above it, mail is rejected" },
  rate: { kk: "Шағымдар үлесі", ru: "Доля жалоб", en: "Complaint rate" },
  noRate: { kk: "жіберілмеген", ru: "не отправлялось", en: "nothing sent" },
} satisfies Record<string, Localized>;
