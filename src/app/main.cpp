#include <iostream>

#include "command_line.hpp"
#include "daemon.hpp"
#include "rtcsip/config/config.hpp"
#include "rtcsip/core/log.hpp"
#include "tls_setup.hpp"

namespace {

int print_errors(const std::vector<rtcsip::config::Diagnostic>& errors) {
  for (const auto& e : errors) std::cerr << e.to_string() << "\n";
  std::cerr << errors.size() << " error" << (errors.size() == 1 ? "" : "s") << " in the configuration\n";
  return rtcsip::app::kExitBadConfig;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rtcsip;
  auto parsed = app::parse_command_line(argc, argv);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const auto& options = std::get<app::Options>(parsed);

  auto loaded = config::load_file(options.config_path);
  if (!loaded.config) return print_errors(loaded.errors);
  if (options.check_config) {
    auto tls_errors = app::check_tls_material(*loaded.config);
    if (!tls_errors.empty()) return print_errors(tls_errors);
    std::cout << options.config_path << ": OK\n";
    return app::kExitOk;
  }
  try {
    app::apply_logging(loaded.config->logging, options.log_level);
  } catch (const std::exception& e) {
    std::cerr << "rtcsipd: cannot set up logging: " << e.what() << "\n";
    return app::kExitFailure;
  }
  app::Daemon daemon(options, std::move(*loaded.config));
  return daemon.run();
}
