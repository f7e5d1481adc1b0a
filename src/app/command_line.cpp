#include "command_line.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "rtcsip/core/log.hpp"
#include "version.hpp"

namespace rtcsip::app {

std::variant<Options, int> parse_command_line(int argc, char** argv) {
  Options options;
  CLI::App cli{
      "rtcsipd: a WebRTC-to-SIP gateway. Browsers speak SIP over secure WebSocket to it;\n"
      "it speaks SIP over UDP, TCP and TLS to PBXs, trunks and phones, and relays the media.",
      "rtcsipd"};
  bool show_version = false;
  std::string check_path;
  cli.add_option("-c,--config", options.config_path, "Configuration file")->default_str(kDefaultConfigPath);
  auto* check = cli.add_option("--check-config", check_path,
                               "Validate the configuration file (this one, or --config) and exit:\n"
                               "prints OK and exits 0, or prints every error and exits 2")
                    ->expected(0, 1);
  cli.add_option(
         "-l,--log-level", options.log_level,
         "Log level for every module, overriding the file: trace, debug, info, warning, error, critical, off")
      ->check([](const std::string& level) {
        return core::log::parse_level(level) ? std::string() : "unknown log level '" + level + "'";
      });
  cli.add_flag("-V,--version", show_version, "Print the version and exit");
  cli.footer(
      "Exit codes: 0 success, 1 start-up failure, 2 invalid configuration or command line.\n"
      "Signals: SIGTERM/SIGINT stop gracefully, SIGHUP reloads the configuration.");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << cli.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << "rtcsipd: " << e.what() << "\nRun 'rtcsipd --help' for the options.\n";
    return kExitBadConfig;
  }
  if (show_version) {
    std::cout << "rtcsipd " << kVersion << "\n";
    return kExitOk;
  }
  if (check->count() > 0) {
    options.check_config = true;
    if (!check_path.empty()) options.config_path = check_path;
  }
  return options;
}

}  // namespace rtcsip::app
