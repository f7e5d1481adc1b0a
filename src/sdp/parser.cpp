// SDP text -> model (RFC 8866 §5). Strict about the line grammar and order,
// because RFC 8866 §5 tells a parser to reject a description with a line type
// it does not understand; liberal only where real agents differ harmlessly
// (bare LF, a missing final line ending, trailing blank lines, trailing
// spaces after structured fields, runs of spaces between fields).
#include <string>
#include <utility>

#include "grammar.hpp"
#include "line_fields.hpp"
#include "line_reader.hpp"
#include "rtcsip/sdp/parser.hpp"

namespace rtcsip::sdp {
namespace {

using grammar::is_digits;
using grammar::is_token;

// RFC 8866 §5: session lines in this order (r= follows its t=), then the
// media sections, each "m= i= c= b= k= a=".
constexpr std::string_view kKnownTypes = "vosiuepcbtrzkam";
constexpr std::string_view kSessionOrder = "vosiuepcbtzka";
constexpr std::string_view kSessionOnce = "vosiuczk";
constexpr std::string_view kMediaOrder = "micbka";
constexpr std::string_view kMediaOnce = "mik";
// Lines whose value is free text: kept byte for byte.
constexpr std::string_view kTextTypes = "siuepk";
constexpr auto npos = std::string_view::npos;

int rank_in(std::string_view order, char type) {
  const auto pos = order.find(type);
  return pos == npos ? -1 : static_cast<int>(pos);
}

std::string line_name(char type) { return std::string(1, type) + "= line"; }

class Parser {
 public:
  explicit Parser(const Limits& limits) : limits_(limits) {}
  Result<SessionDescription> run(std::string_view text);

 private:
  std::optional<Error> on_line(std::string_view line);
  std::optional<Error> check_order(char type);
  std::optional<Error> check_required(int rank) const;
  std::optional<Error> check_media_order(char type);
  std::optional<Error> start_media();
  std::optional<Error> finish() const;
  std::optional<Error> apply(char type, std::string_view value);
  std::optional<Error> apply_structured(char type, std::string_view value);
  bool store_structured(char type, std::string_view value);
  void apply_text(char type, std::string_view value);
  std::optional<Error> add_attribute(std::string_view value);

  [[nodiscard]] Error error(std::string reason) const { return Error{std::move(reason), line_}; }
  [[nodiscard]] Error malformed(char type) const { return error("Malformed " + line_name(type)); }
  MediaDescription& media() { return sdp_.media.back(); }

  const Limits& limits_;
  SessionDescription sdp_;
  std::size_t line_ = 0;
  char prev_type_ = 0;
  int rank_ = -1;        // position in kSessionOrder of the last session line
  int media_rank_ = -1;  // position in kMediaOrder of the last line of the section
  bool in_media_ = false;
  bool have_time_ = false;
  std::size_t candidates_ = 0;  // a=candidate lines in the current section
};

Result<SessionDescription> Parser::run(std::string_view text) {
  if (text.size() > limits_.max_bytes) return Error{"SDP too large", 0};
  LineReader reader(text);
  while (const auto line = reader.next()) {
    line_ = reader.line_number();
    if (line->empty() && reader.only_blank_lines_left()) break;
    if (line_ > limits_.max_lines) return error("Too many lines");
    if (line->empty()) return error("Empty line");
    if (auto e = on_line(*line)) return *std::move(e);
  }
  if (auto e = finish()) return *std::move(e);
  return std::move(sdp_);
}

std::optional<Error> Parser::on_line(std::string_view line) {
  // byte-string excludes NUL, CR and LF (RFC 8866 §9).
  if (line.find('\0') != npos || line.find('\r') != npos) return error("Invalid character in line");
  if (line.size() < 2 || line[1] != '=') return error("Malformed SDP line");
  const char type = line[0];
  if (kKnownTypes.find(type) == npos) {
    if (grammar::is_alpha(type)) return error("Unknown line type " + std::string(1, type) + "=");
    return error("Malformed SDP line");
  }
  if (auto e = check_order(type)) return e;
  prev_type_ = type;
  return apply(type, line.substr(2));
}

std::optional<Error> Parser::check_order(char type) {
  if (in_media_ && type != 'm') return check_media_order(type);
  if (type == 'r') {
    if (auto e = check_required(rank_in(kSessionOrder, 't'))) return e;
    if (prev_type_ != 't' && prev_type_ != 'r') return error(line_name(type) + " out of order");
    return std::nullopt;
  }
  const int rank = type == 'm' ? static_cast<int>(kSessionOrder.size()) : rank_in(kSessionOrder, type);
  if (auto e = check_required(rank)) return e;
  if (type == 'm') return start_media();
  if (rank < rank_) return error(line_name(type) + " out of order");
  if (rank == rank_ && kSessionOnce.find(type) != npos) return error("Duplicate " + line_name(type));
  rank_ = rank;
  return std::nullopt;
}

// v=, o=, s= and at least one t= must come before anything ordered after them.
std::optional<Error> Parser::check_required(int rank) const {
  for (const char required : std::string_view("vos")) {
    const int r = rank_in(kSessionOrder, required);
    if (rank > r && rank_ < r) return error("Missing " + line_name(required));
  }
  if (rank > rank_in(kSessionOrder, 't') && !have_time_) return error("Missing t= line");
  return std::nullopt;
}

std::optional<Error> Parser::check_media_order(char type) {
  const int rank = rank_in(kMediaOrder, type);
  if (rank < 0 || rank < media_rank_) return error(line_name(type) + " out of order");
  if (rank == media_rank_ && kMediaOnce.find(type) != npos) return error("Duplicate " + line_name(type));
  media_rank_ = rank;
  return std::nullopt;
}

std::optional<Error> Parser::start_media() {
  if (sdp_.media.size() >= limits_.max_media) return error("Too many m= lines");
  sdp_.media.emplace_back();
  in_media_ = true;
  media_rank_ = 0;
  candidates_ = 0;
  return std::nullopt;
}

std::optional<Error> Parser::finish() const {
  if (rank_ < 0) return Error{"Empty SDP", 0};
  for (const char required : std::string_view("os")) {
    if (rank_ < rank_in(kSessionOrder, required)) return Error{"Missing " + line_name(required), 0};
  }
  if (!have_time_) return Error{"Missing t= line", 0};
  return std::nullopt;
}

std::optional<Error> Parser::apply(char type, std::string_view value) {
  const bool text = kTextTypes.find(type) != npos;
  if (value.empty()) return text ? error("Empty " + line_name(type)) : malformed(type);
  // RFC 8866 §5: no whitespace on either side of '='. Only s= and i= are free
  // text from their first byte; "s= " is what RFC 4566 recommended for no name.
  if (grammar::is_ws(value.front()) && type != 's' && type != 'i') return malformed(type);
  if (text) {
    apply_text(type, value);
    return std::nullopt;
  }
  if (type == 'a') return add_attribute(value);
  return apply_structured(type, grammar::trim_trailing(value));
}

void Parser::apply_text(char type, std::string_view value) {
  switch (type) {
    case 's':
      sdp_.session_name = value;
      break;
    case 'i':
      (in_media_ ? media().title : sdp_.information) = value;
      break;
    case 'u':
      sdp_.uri = value;
      break;
    case 'e':
      sdp_.emails.emplace_back(value);
      break;
    case 'p':
      sdp_.phones.emplace_back(value);
      break;
    case 'k':
      (in_media_ ? media().key : sdp_.key) = value;
      break;
    default:
      break;
  }
}

std::optional<Error> Parser::apply_structured(char type, std::string_view value) {
  if (type == 'v') {
    if (value == "0") return std::nullopt;
    return is_digits(value) ? error("Unsupported SDP version") : malformed(type);
  }
  if (!store_structured(type, value)) return malformed(type);
  if (type == 't') have_time_ = true;
  return std::nullopt;
}

// Stores the value of an o= c= b= t= r= z= m= line; false when it is malformed.
bool Parser::store_structured(char type, std::string_view value) {
  // Moves a parsed value into place; nothing when it did not parse.
  const auto put = [](auto parsed, auto& into) {
    if (!parsed) return false;
    into = *std::move(parsed);
    return true;
  };
  const auto append = [](auto parsed, auto& list) {
    if (!parsed) return false;
    list.push_back(*std::move(parsed));
    return true;
  };
  switch (type) {
    case 'o':
      return put(fields::parse_origin(value), sdp_.origin);
    case 'c':
      if (in_media_) return append(fields::parse_connection(value), media().connections);
      return put(fields::parse_connection(value), sdp_.connection);
    case 'b':
      return append(fields::parse_bandwidth(value), in_media_ ? media().bandwidths : sdp_.bandwidths);
    case 't':
      return append(fields::parse_timing(value), sdp_.timings);
    case 'r':
      return append(fields::parse_repeat(value), sdp_.timings.back().repeats);
    case 'z':
      return put(fields::parse_zone(value), sdp_.zone);
    case 'm':
      return put(fields::parse_media(value), media());
    default:
      return false;
  }
}

// a=<attribute-name>[:<attribute-value>]; the name is a token (RFC 8866 §5.13).
std::optional<Error> Parser::add_attribute(std::string_view value) {
  const auto colon = value.find(':');
  const auto name = colon == npos ? grammar::trim_trailing(value) : value.substr(0, colon);
  if (!is_token(name)) return malformed('a');
  auto& attrs = in_media_ ? media().attributes : sdp_.attributes;
  if (attrs.size() >= limits_.max_attributes) return error("Too many attributes");
  if (name == "candidate" && ++candidates_ > limits_.max_candidates) return error("Too many candidates");
  if (colon == npos) {
    attrs.push_back(Attribute{std::string(name), {}, false});
  } else {
    attrs.push_back(Attribute{std::string(name), std::string(value.substr(colon + 1)), true});
  }
  return std::nullopt;
}

}  // namespace

Result<SessionDescription> parse(std::string_view text, const Limits& limits) {
  return Parser(limits).run(text);
}

}  // namespace rtcsip::sdp
