"""What a Chinese personal name looks like.

A name is a surname (one character, or one of the compound surnames) and a
given name of one or two characters. The surname list covers well over 99%
of the population; it is what keeps common words ("高峰", "智慧") from being
taken for names when they happen to follow a title.
"""

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "贲逄粘营蒯禄凤琚郦骞桓郗习栗蔚喜谯邴铁树琴"
)
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "令狐", "夏侯", "端木", "轩辕", "西门", "南宫", "独孤", "呼延", "澹台", "公冶",
    "申屠", "太史", "万俟", "闻人", "赫连", "钟离", "宗政", "濮阳", "单于", "司空", "第五",
}

# Characters that are (almost) never part of a given name. Kept short: many
# function words do occur in names (韩文让, 李和平), and where a name ends is
# decided by what follows it, not by this list.
NOT_IN_GIVEN_NAME = set(
    "的了着是们个这那说等年月日时"
    "，。、；：？！“”‘’（）《》【】—…·"
)

# Two-character words that begin with a surname character but are not names
# when they stand where a name would ("高峰", "常委"). Only consulted for
# two-character candidates; three-character names are rarely words.
COMMON_WORDS = {
    "高峰", "智慧", "文化", "文明", "安全", "安排", "安置", "方面", "方式", "方向", "方案", "方法",
    "常委", "常务", "常态", "常年", "时间", "时期", "时代", "时候", "时刻", "明确", "明显", "明天",
    "国家", "国际", "国内", "国务", "全面", "全国", "全市", "全省", "全体", "全力", "全区", "全县",
    "平台", "平安", "平遥", "和谐", "和平", "发展", "成员", "成功", "成果", "成为", "成绩", "成立",
    "高度", "高质", "高新", "高速", "高级", "华为", "金融", "石油", "龙头", "黄河", "江苏", "海外",
    "海南", "南方", "东方", "西方", "北京", "山西", "山东", "河北", "河南", "湖北", "湖南", "广东",
    "广西", "云南", "四川", "重庆", "上海", "天津", "新疆", "西藏", "宁夏", "青海", "甘肃", "陕西",
    "吉林", "辽宁", "江西", "安徽", "福建", "浙江", "贵州", "台湾", "香港", "澳门", "武汉", "太原",
    "晋中", "榆次", "太谷", "左权", "介休", "灵石", "寿阳", "昔阳", "和顺", "祁县", "平定", "阳泉",
    "党员", "党组", "党委", "党建", "党史", "干部", "工作", "项目", "企业", "群众", "市场", "政府",
    "委员", "主任", "主席", "书记", "经理", "代表", "记者", "通讯", "公司", "公共", "公开", "公众",
    "单位", "车辆", "车间", "司机", "包括", "管理", "管控", "程度", "程序", "任务", "任何", "施工",
    "温度", "康复", "乐观", "齐心", "易于", "关于", "关键", "关注", "关心", "章程", "宁静", "申请",
    "花园", "强化", "强调", "强大", "农村", "农业", "农民", "路线", "路径", "游客", "旅游", "严格",
    "严重", "严峻", "万元", "万人", "钱款", "龚滩", "毛泽", "江泽", "胡锦", "马克", "林业", "周年",
    "周边", "周末", "朱德", "白天", "白色", "黄金", "黄色", "红色", "蓝色", "武装", "武警", "秦岭",
    "应急", "应对", "应用", "应该", "连续", "连接", "景区", "景点", "党中", "习近", "李克", "水平",
    "能力", "信息", "信心", "信用", "展示", "展开", "元素", "元旦", "富裕", "和睦", "来自", "来到",
    "都是", "相关", "相互", "初步", "门诊", "云端", "于是", "戴口", "毕业", "谷歌", "曲折", "房屋",
    "解决", "解放", "时时", "司法", "卫生", "卫健", "宣传", "宣布", "晋商", "晋剧", "计划", "索取",
    "支持", "支撑", "丰富", "巴黎", "国企", "卓越", "简单", "车站", "项目", "麦田", "米面", "沙漠",
    "师生", "师傅", "商业", "商务", "贸易", "苏州", "杭州", "温州", "广州", "郑州", "福州", "兰州",
}


def surname_of(name):
    """The surname of a candidate name, or None when it has none we know."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    if name[:1] in SURNAMES:
        return name[:1]
    return None


def looks_like_name(name):
    """A two- to four-character Chinese name with a known surname and no
    character that cannot be in a given name."""
    if not 2 <= len(name) <= 4:
        return False
    surname = surname_of(name)
    if not surname:
        return False
    given = name[len(surname):]
    if not 1 <= len(given) <= 2:
        return False
    if any(ch in NOT_IN_GIVEN_NAME or not ("\u4e00" <= ch <= "\u9fff") for ch in given):
        return False
    if len(name) == 2 and name in COMMON_WORDS:
        return False
    return True


def is_foreign_name(name):
    """Transliterated names are joined by a middle dot: "弗拉基米尔·诺罗夫"."""
    parts = name.split("·")
    return len(parts) >= 2 and all(1 <= len(p) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in p) for p in parts)
