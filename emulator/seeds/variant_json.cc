// Variant JSON writers shared by the sample and the synthetic seeds.
#include "emulator/seeds/variant_json.h"

#include <cmath>

namespace kbulk::emulator {
namespace {

void StringOrNull(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key);
  if (value.empty())
    w.Null();
  else
    w.String(value);
}

void IdRef(JsonWriter& w, std::string_view key, std::string_view id) {
  w.Key(key).StartObject().Key("id").String(id).EndObject();
}

}  // namespace

void ElementValues::Element(std::string_view element_id) {
  w_.StartObject();
  IdRef(w_, "element", element_id);
}

ElementValues& ElementValues::Text(std::string_view element_id, std::string_view value) {
  Element(element_id);
  w_.Key("value").String(value).EndObject();
  return *this;
}

ElementValues& ElementValues::RichText(std::string_view element_id, std::string_view html,
                                       const std::vector<std::string>& components) {
  Element(element_id);
  w_.Key("value").String(html).Key("components").StartArray();
  for (const auto& c : components) w_.Raw(c);
  w_.EndArray().EndObject();
  return *this;
}

ElementValues& ElementValues::Number(std::string_view element_id, std::optional<double> value) {
  Element(element_id);
  w_.Key("value");
  if (!value)
    w_.Null();
  else if (std::floor(*value) == *value && std::fabs(*value) < 1e15)
    w_.Int(static_cast<std::int64_t>(*value));
  else
    w_.Double(*value);
  w_.EndObject();
  return *this;
}

ElementValues& ElementValues::DateTime(std::string_view element_id, std::optional<std::string_view> value,
                                       std::optional<std::string_view> display_timezone) {
  Element(element_id);
  StringOrNull(w_, "value", value.value_or(""));
  StringOrNull(w_, "display_timezone", display_timezone.value_or(""));
  w_.EndObject();
  return *this;
}

ElementValues& ElementValues::References(std::string_view element_id, const std::vector<std::string>& ids) {
  Element(element_id);
  w_.Key("value").StartArray();
  for (const auto& id : ids) w_.StartObject().Key("id").String(id).EndObject();
  w_.EndArray().EndObject();
  return *this;
}

ElementValues& ElementValues::Assets(std::string_view element_id, const std::vector<std::string>& asset_ids,
                                     const std::vector<std::vector<std::string>>& renditions) {
  Element(element_id);
  w_.Key("value").StartArray();
  for (std::size_t i = 0; i < asset_ids.size(); ++i) {
    w_.StartObject().Key("id").String(asset_ids[i]).Key("renditions").StartArray();
    if (i < renditions.size())
      for (const auto& r : renditions[i]) w_.StartObject().Key("id").String(r).EndObject();
    w_.EndArray().EndObject();
  }
  w_.EndArray().EndObject();
  return *this;
}

ElementValues& ElementValues::UrlSlug(std::string_view element_id, std::string_view mode, std::string_view value) {
  Element(element_id);
  w_.Key("mode").String(mode).Key("value").String(value).EndObject();
  return *this;
}

ElementValues& ElementValues::Custom(std::string_view element_id, std::optional<std::string_view> value,
                                     std::optional<std::string_view> searchable_value) {
  Element(element_id);
  w_.Key("value");
  if (value)
    w_.String(*value);
  else
    w_.Null();
  w_.Key("searchable_value");
  if (searchable_value)
    w_.String(*searchable_value);
  else
    w_.Null();
  w_.EndObject();
  return *this;
}

std::string ComponentJson(std::string_view id, std::string_view type_id, std::string_view elements_json) {
  JsonWriter w;
  w.StartObject().Key("id").String(id);
  IdRef(w, "type", type_id);
  w.Key("elements").Raw(elements_json).EndObject();
  return w.str();
}

std::string VariantJson(const VariantEnvelope& v, std::string_view elements_json) {
  JsonWriter w;
  w.StartObject().Key("elements").Raw(elements_json);
  IdRef(w, "workflow_step", v.place.step_id);
  w.Key("workflow").StartObject();
  IdRef(w, "workflow_identifier", v.place.workflow_id);
  IdRef(w, "step_identifier", v.place.step_id);
  w.EndObject();
  w.Key("due_date").StartObject();
  StringOrNull(w, "value", v.due_date);
  w.EndObject();
  w.Key("schedule").StartObject();
  StringOrNull(w, "publish_time", v.schedule.publish_time);
  StringOrNull(w, "publish_display_timezone", v.schedule.publish_timezone);
  StringOrNull(w, "unpublish_time", v.schedule.unpublish_time);
  StringOrNull(w, "unpublish_display_timezone", v.schedule.unpublish_timezone);
  w.EndObject();
  IdRef(w, "item", v.item_id);
  IdRef(w, "language", v.language_id);
  w.Key("last_modified").String(v.last_modified).EndObject();
  return w.str();
}

}  // namespace kbulk::emulator
