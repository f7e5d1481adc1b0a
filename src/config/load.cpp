#include <fstream>
#include <sstream>

#include "rtcsip/config/config.hpp"
#include "sections.hpp"

namespace rtcsip::config {

LoadResult load_string(std::string_view yaml, const std::string& name,
                       const std::filesystem::path& base_dir) {
  detail::Diagnostics diags(name, base_dir);
  LoadResult result;
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    Location at{name, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1};
    diags.error(at, "", "invalid YAML: " + e.msg);
    result.errors = diags.take();
    return result;
  }
  Config config;
  detail::MapReader root(doc, "", diags, Location{name, 1, 1});
  root.path("state_dir", config.state_dir);
  detail::read_listeners(root, config.listeners);
  detail::read_sip(root, config.sip);
  detail::read_media(root, config.media);
  detail::read_auth(root, config.auth);
  detail::read_users(root, config.users);
  detail::read_trunks(root, config.trunks);
  detail::read_routes(root, config.routes);
  detail::read_limits(root, config.limits);
  detail::read_logging(root, config.logging);
  detail::read_metrics(root, config.metrics);
  root.finish();
  if (root.ok()) detail::validate(config, diags);
  result.errors = diags.take();
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

LoadResult load_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    LoadResult result;
    result.errors.push_back(
        Diagnostic{Location{file.string(), 0, 0}, "",
                   std::string("cannot read file: ") + std::generic_category().message(errno)});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto result = load_string(text.str(), file.string(), file.parent_path());
  if (result.config) result.config->source = file;
  return result;
}

}  // namespace rtcsip::config
