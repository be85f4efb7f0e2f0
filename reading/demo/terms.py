"""The English forms of the demo's subjects and themes (`website.core.TermInEnglish`).

The demo's English books carry English subjects and its English recommendations English
themes; these are the same words, so that a Chinese tag and the English tag beside it are one
term on English pages, in the book list's filter and in the themes report.
"""

from reading.demo.campaigns import THEMES
from tests.factories import TermInEnglishFactory

SUBJECTS_EN = {
    "世界史": "World history",
    "中国史": "Chinese history",
    "中国文学": "Chinese literature",
    "人生": "Life",
    "人类学": "Anthropology",
    "农学": "Agronomy",
    "化学": "Chemistry",
    "古典文学": "Classical literature",
    "哲学": "Philosophy",
    "地质学": "Geology",
    "外国文学": "Foreign literature",
    "大学生发展": "College life",
    "大学生活": "Student life",
    "学习方法": "Study skills",
    "宇宙学": "Cosmology",
    "心理健康": "Mental health",
    "心理学": "Psychology",
    "批判性思维": "Critical thinking",
    "教育": "Education",
    "数学": "Mathematics",
    "核物理": "Nuclear physics",
    "气象学": "Meteorology",
    "物理学": "Physics",
    "环境": "Environment",
    "生物学": "Biology",
    "社会学": "Sociology",
    "经济学": "Economics",
    "遗传学": "Genetics",
    "社会心理学": "Social psychology",
    "科学史": "History of science",
    "科学哲学": "Philosophy of science",
    "科学家传记": "Scientists' biographies",
    "科幻小说": "Science fiction",
    "科普": "Popular science",
    "职业生涯规划": "Career planning",
    "航天": "Spaceflight",
    "船舶": "Shipbuilding",
    "药学": "Pharmacy",
    "计算机科学": "Computer science",
    "阅读方法": "How to read",
    "高等教育": "Higher education",
}


def build():
    """One term a Chinese subject or theme; a term that exists is left as the librarian set it."""
    for chinese, english in {**SUBJECTS_EN, **THEMES}.items():
        TermInEnglishFactory(tag__name=chinese, name=english)
