// Rich-text values of the sample (HTML with "{{path}}" ids already expanded) and their components.
#pragma once

#include <string>
#include <vector>

namespace kbulk::emulator::sample {

struct RichTextValue {
  std::string html;
  std::vector<std::string> components;  // component JSON objects, nested components inside their own elements
};

// The English "On roasts" body: headings, every inline format, every link kind, a table with block
// content in cells, nested lists, a figure, a linked item and a component nested three levels deep.
// `newer` gives the draft that replaced the published text.
RichTextValue OnRoastsBodyEnglish(bool newer);
// Shorter bodies of the translations: a paragraph with an item link and one component.
RichTextValue OnRoastsBodyTranslated(const std::string& language_codename);
RichTextValue BrewingBasicsBody(const std::string& language_codename);
RichTextValue SimpleBody(const std::string& text);  // one paragraph
RichTextValue AuthorBio(const std::string& name, const std::string& email);

}  // namespace kbulk::emulator::sample
