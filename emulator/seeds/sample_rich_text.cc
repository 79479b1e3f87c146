// The sample's rich text. Every value follows the spec's rich-text rules (top-level blocks only, inline
// formatting inside them, <td> holding text or top-level blocks, nested lists last in their <li>).
#include "emulator/seeds/sample_rich_text.h"

#include "emulator/seeds/sample.h"
#include "emulator/seeds/sample_ids.h"
#include "emulator/seeds/variant_json.h"

namespace kbulk::emulator::sample {
namespace {

std::string ComponentObject(const std::string& id) {
  return R"(<object type="application/kenticocloud" data-type="component" data-id=")" + id + R"("></object>)";
}

std::string QuoteComponent(const std::string& id, const std::string& text, const std::string& source) {
  ElementValues v;
  v.Text(Id("element/quote/text"), text).Text(Id("element/quote/source"), source);
  return ComponentJson(id, Id("type/quote"), v.Finish());
}

// A callout whose body holds `inner` (a component JSON with id `inner_id`), or no component when empty.
std::string CalloutComponent(const std::string& id, const std::string& title, const std::string& tone,
                             const std::string& text, const std::string& inner_id, const std::string& inner) {
  std::string body = "<p>" + text + "</p>";
  std::vector<std::string> nested;
  if (!inner.empty()) {
    body += "\n" + ComponentObject(inner_id);
    nested.push_back(inner);
  }
  ElementValues v;
  v.Text(Id("element/callout/title"), title)
      .RichText(Id("element/callout/body"), body, nested)
      .References(Id("element/callout/tone"), {Id("option/callout/tone/" + tone)});
  return ComponentJson(id, Id("type/callout"), v.Finish());
}

}  // namespace

RichTextValue OnRoastsBodyEnglish(bool newer) {
  const std::string base = "component/on_roasts/en-US/";
  const std::string quote_id = Id(base + "quote"), inner_id = Id(base + "inner_tip"), outer_id = Id(base + "tip");
  std::string quote = QuoteComponent(quote_id, "Roast is a flavour, not a colour.", "A roaster in Brno");
  std::string inner = CalloutComponent(inner_id, "Keep notes", "info",
                                       "Write down the <strong>roast date</strong> of every bag.", quote_id, quote);
  std::string outer = CalloutComponent(outer_id, "Roasting tip", "tip",
                                       "Taste the same bean at <em>three</em> roast levels.", inner_id, inner);
  std::string html = Expand(
      R"(<h1>On roasts</h1>
<p>Light, medium and dark roasts taste <strong>very</strong> different. Start with <a data-item-id="{{item/brewing_basics}}">brewing basics</a>, download the <a data-asset-id="{{asset/brewing_guide}}">brewing guide</a>, <a data-email-address="hello@example.com" data-email-subject="A question about roasts">write to us</a> or <a data-phone-number="+420 123 456 789">call us</a>. Roasting has a <a href="https://en.wikipedia.org/wiki/Coffee_roasting" data-new-window="true" title="Coffee roasting on Wikipedia">long history</a>.</p>
<h2>Roast levels</h2>
<table><tbody>
  <tr><td><strong>Roast</strong></td><td><strong>End temperature</strong></td><td><strong>Taste</strong></td></tr>
  <tr><td>Light</td><td>196 °C</td><td><p>Fruity and <em>acidic</em></p></td></tr>
  <tr><td>Dark</td><td>225 °C</td><td><ul><li>Bitter</li><li>Smoky</li></ul></td></tr>
</tbody></table>
<figure data-asset-id="{{asset/coffee_beans}}"><img src="#" data-asset-id="{{asset/coffee_beans}}"></figure>
<h3>Buying beans</h3>
<ul>
  <li>Buy whole beans<ul><li>Grind them just before brewing</li></ul></li>
  <li>Store them airtight</li>
</ul>
<ol>
  <li>Weigh</li>
  <li>Grind</li>
  <li>Brew<ol><li>Bloom for <code>30 s</code></li><li>Pour the rest</li></ol></li>
</ol>
<h4>Chemistry</h4>
<p>Caffeine is C<sub>8</sub>H<sub>10</sub>N<sub>4</sub>O<sub>2</sub>; roasting peaks at 10<sup>5</sup> Pa.<br/>Second line of the same paragraph.</p>
<h5>Written by</h5>
<object type="application/kenticocloud" data-type="item" data-id="{{item/jane_doe}}"></object>
)");
  html += ComponentObject(outer_id);
  html += newer ? "\n<h6>Updated in January</h6>\n<p>We added a section on <em>omni roasts</em>.</p>"
                : "\n<h6>First edition</h6>\n<p><br/></p>";
  return {html, {outer}};
}

RichTextValue OnRoastsBodyTranslated(const std::string& language) {
  const bool german = language == "de-DE";
  const std::string id = Id("component/on_roasts/" + language + "/tip");
  std::string tip =
      CalloutComponent(id, german ? "Rösttipp" : "Tip k pražení", "tip",
                       german ? "Probieren Sie drei Röstgrade." : "Ochutnejte tři stupně pražení.", "", "");
  std::string html = Expand(german ? R"(<h1>Über Röstungen</h1>
<p>Helle und dunkle Röstungen schmecken <strong>sehr</strong> verschieden. Lesen Sie zuerst <a data-item-id="{{item/brewing_basics}}">die Grundlagen</a>.</p>
)"
                                   : R"(<h1>O pražení</h1>
<p>Světlé a tmavé pražení chutná <strong>velmi</strong> odlišně. Začněte <a data-item-id="{{item/brewing_basics}}">základy přípravy</a>.</p>
)");
  html += ComponentObject(id);
  return {html, {tip}};
}

RichTextValue BrewingBasicsBody(const std::string& language) {
  if (language == "de-DE")
    return {
        Expand(
            R"(<p>Wasser, Kaffee, Zeit. Mehr dazu in <a data-item-id="{{item/espresso_recipe}}">unserem Rezept</a>.</p>)"),
        {}};
  return {
      Expand(
          R"(<p>Water, coffee and time: the three variables of <a data-item-id="{{item/espresso_recipe}}">every recipe</a>.</p>
<figure data-asset-id="{{asset/espresso_shot}}"><img src="#" data-asset-id="{{asset/espresso_shot}}"></figure>
<ol>
  <li>18 g of coffee</li>
  <li>36 g of water</li>
</ol>)"),
      {}};
}

RichTextValue SimpleBody(const std::string& text) {
  return {"<p>" + text + "</p>", {}};
}

RichTextValue AuthorBio(const std::string& name, const std::string& email) {
  return {"<p>" + name + " writes about coffee. Reach them at <a data-email-address=\"" + email + "\">" + email +
              "</a>.</p>",
          {}};
}

}  // namespace kbulk::emulator::sample
