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
