// A guideline built in code with every clause ID of the format (content/guideline.json's shape), for the loader's tests and fuzzing.
#pragma once
#include "core/guideline.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::testing {

inline Guideline guideline_for_tests() {
    struct Row {
        const char* id;
        const char* label;
        const char* parent;
        bool operative;
        const char* short_ja;
        const char* short_en;
    };
    static const Row rows[] = {
        {"preamble", "前文", "", false, "前文", "Preamble"},
        {"1", "１", "", false, "ソーシャルメディアの定義", "Definition of social media"},
        {"2", "２", "", false, "ソーシャルメディアの特性", "Characteristics of social media"},
        {"3", "３", "", false, "区業務として活用する目的", "Purposes of use in ward business"},
        {"3.1", "３（１）", "3", false, "既存の広報媒体を補完", "Complementing existing media"},
        {"3.2", "３（２）", "3", false, "広聴活動の補完・区民参画", "Listening and participation"},
        {"4", "４", "", false, "区業務としての運用上の留意点", "Operating ward accounts"},
        {"4.1", "４（１）", "4", true, "アカウント運用ポリシーの策定", "An account operating policy"},
        {"4.2", "４（２）", "4", true, "なりすまし防止・セキュリティ対策", "Impersonation and security"},
        {"4.3", "４（３）", "4", true, "運用状況の確認", "Monitoring the account"},
        {"4.4", "４（４）", "4", true, "機能変更や動向への対応", "Following service changes"},
        {"4.5", "４（５）", "4", true, "運用開始前の協議", "Consultation before starting"},
        {"5", "５", "", false, "区業務としての情報発信の留意点", "Posting as the ward"},
        {"5.1", "５（１）", "5", true, "組織アカウントとしての自覚と責任", "Awareness as the ward's account"},
        {"5.2", "５（２）", "5", true, "法令遵守と他者の権利", "Laws and others' rights"},
        {"5.3", "５（３）", "5", true, "正確さと削除できないこと", "Accuracy; posts cannot be erased"},
        {"5.4", "５（４）", "5", true, "発信してはならない情報", "Information never to post"},
        {"5.4.a", "５（４）ア", "5.4", true, "中傷・誹謗", "Defamation"},
        {"5.4.b", "５（４）イ", "5.4", true, "差別・差別の助長", "Discrimination"},
        {"5.4.c", "５（４）ウ", "5.4", true, "違法・不当な情報や行為を煽る", "Illegal or improper acts"},
        {"5.4.d", "５（４）エ", "5.4", true, "公正性・中立性への疑義", "Doubts on fairness or neutrality"},
        {"5.4.e", "５（４）オ", "5.4", true, "事実と異なる情報の流布", "Spreading falsehoods"},
        {"5.4.f", "５（４）カ", "5.4", true, "有害・わいせつなサイトの情報", "Harmful or obscene sites"},
        {"5.4.g", "５（４）キ", "5.4", true, "善意の情報交換の妨害", "Disrupting good-faith exchange"},
        {"5.4.h", "５（４）ク", "5.4", true, "区の信用・名誉を傷つける", "Harming the ward's reputation"},
        {"5.4.i", "５（４）ケ", "5.4", true, "その他公序良俗に反する", "Against public order or morals"},
        {"5.5", "５（５）", "5", true, "誤解には誠実に対応", "Answering misunderstandings"},
        {"5.6", "５（６）", "5", true, "攻撃的な反応には冷静に", "Staying calm under attack"},
        {"6", "６", "", false, "職員個人としての情報発信の留意点", "Posting as an individual"},
        {"6.1", "６（１）", "6", true, "職員であることの自覚と責任", "Always a ward employee"},
        {"6.2", "６（２）", "6", true, "個人の見解である旨の記載", "Personal-view disclaimer"},
        {"6.3", "６（３）", "6", true, "区政に関する見解の発信", "Views on ward affairs"},
        {"6.3.a", "６（３）（ア）", "6.3", true, "秘密に関する情報", "Secrets"},
        {"6.3.b", "６（３）（イ）", "6.3", true, "権利利益の侵害", "Others' rights"},
        {"6.3.c", "６（３）（ウ）", "6.3", true, "守秘義務", "Confidentiality duty"},
        {"6.3.d", "６（３）（エ）", "6.3", true, "意思形成過程の情報", "Decisions in progress"},
        {"6.4", "６（４）", "6", true, "職務専念の義務", "Devotion to duty"},
        {"7", "７", "", false, "その他", "Other matters"},
        {"supplementary", "附則", "", false, "施行日", "Effective date"},
    };
    Guideline g;
    g.title = {"千代田区ソーシャルメディア活用ガイドライン", "Chiyoda City Social Media Utilization Guideline"};
    g.effective_date = "2013-10-28";
    for (const auto& r : rows) {
        Clause c;
        c.id = r.id;
        c.label = r.label;
        c.short_title = {r.short_ja, r.short_en};
        c.operative = r.operative;
        c.parent = r.parent;
        const std::string id = r.id;
        c.section = id.substr(0, id.find('.'));
        c.depth = static_cast<int>(std::count(id.begin(), id.end(), '.'));
        g.clauses.push_back(std::move(c));
    }
    return g;
}

} // namespace kiosk::testing
