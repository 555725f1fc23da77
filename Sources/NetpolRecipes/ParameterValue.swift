import Foundation
import NetpolModel

/// A parameter value after parsing and validation, typed by its parameter.
enum ParameterValue: Sendable, Hashable {
  /// A label selector.
  case selector(LabelSelector)
  /// A namespace, CIDR, protocol or free text.
  case text(String)
  /// A port number or name.
  case port(PortValue)
  /// A DNS name or pattern.
  case fqdn(String)
  /// The items of a list.
  case list([ParameterValue])
}

extension RecipeParameter {
  /// What the parameter accepts, in words, for error messages and help.
  public var accepts: String {
    Self.accepts(type: type, itemType: itemType, validation: validation)
  }

  private static func accepts(
    type: ParameterType, itemType: ParameterType?, validation: ParameterValidation
  ) -> String {
    if let allowed = validation.allowed, type != .list {
      return "one of " + allowed.joined(separator: ", ")
    }
    switch type {
    case .selector:
      return "a label selector in kubectl -l syntax (e.g. app=web,tier!=db; empty = every pod)"
    case .namespace: return "a namespace name (a DNS-1123 label, e.g. kube-system)"
    case .port:
      let low = validation.minimum ?? 1
      let high = validation.maximum ?? 65535
      return "a port number \(low)-\(high) or a port name (e.g. http)"
    case .protocol: return "one of TCP, UDP, SCTP"
    case .cidr: return "an IPv4 or IPv6 prefix (e.g. 10.0.0.0/8 or 2001:db8::/32)"
    case .fqdn: return "a DNS name (e.g. api.example.com) or a pattern with * (e.g. *.example.com)"
    case .string:
      if let pattern = validation.pattern { return "text matching \(pattern)" }
      return "text"
    case .list:
      let item = accepts(
        type: itemType ?? .string, itemType: nil,
        validation: ParameterValidation(
          allowed: validation.allowed, minimum: validation.minimum, maximum: validation.maximum,
          pattern: validation.pattern))
      var text = "a comma-separated list, each item \(item)"
      if let minItems = validation.minItems, minItems > 0 {
        text += " (at least \(minItems))"
      }
      return text
    }
  }

  /// Parses and checks `text`; the error names this parameter and what it accepts.
  func parse(_ text: String, recipe: String) throws(RecipeError) -> ParameterValue {
    do {
      return try Self.parse(text, type: type, itemType: itemType, validation: validation)
    } catch let reason {
      throw RecipeError.invalidParameter(
        recipe: recipe, parameter: name, value: text, reason: reason.message, accepts: accepts)
    }
  }

  /// Why a value was refused.
  struct Refusal: Error {
    /// The reason, e.g. `is not a port`.
    var message: String
  }

  private static func parse(
    _ text: String, type: ParameterType, itemType: ParameterType?,
    validation: ParameterValidation
  ) throws(Refusal) -> ParameterValue {
    if type == .list {
      let items = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      let parts = items == [""] ? [] : items
      if let minItems = validation.minItems, parts.count < minItems {
        throw Refusal(message: "\(parts.count) item(s), at least \(minItems) needed")
      }
      if let maxItems = validation.maxItems, parts.count > maxItems {
        throw Refusal(message: "\(parts.count) items, at most \(maxItems) allowed")
      }
      var values: [ParameterValue] = []
      for part in parts {
        do {
          values.append(
            try parse(part, type: itemType ?? .string, itemType: nil, validation: validation))
        } catch let refusal {
          throw Refusal(message: "item \(RecipeError.show(part)): \(refusal.message)")
        }
      }
      return .list(values)
    }
    if text.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) {
      throw Refusal(message: "contains a line break or control character")
    }
    switch type {
    case .selector:
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { return .selector(.everything) }
      do {
        return .selector(try SelectorSyntax.parse(trimmed))
      } catch let diagnostic {
        throw Refusal(message: diagnostic.message)
      }
    case .namespace:
      if let problem = Validation.dns1123Label(text) {
        throw Refusal(message: "not a namespace name: \(problem)")
      }
      return try allowed(.text(text), text, validation)
    case .port:
      if let number = Int(text) {
        let low = validation.minimum ?? 1
        let high = validation.maximum ?? 65535
        guard number >= low && number <= high else {
          throw Refusal(message: "out of range \(low)-\(high)")
        }
        return try allowed(.port(.number(number)), text, validation)
      }
      if let problem = Validation.portName(text) {
        throw Refusal(message: "not a port: \(problem)")
      }
      return try allowed(.port(.name(text)), text, validation)
    case .protocol:
      let upper = text.uppercased()
      let choices = validation.allowed ?? ["TCP", "UDP", "SCTP"]
      guard choices.contains(upper) else { throw Refusal(message: "not an accepted protocol") }
      return .text(upper)
    case .cidr:
      if let problem = Validation.cidr(text) {
        throw Refusal(message: "not a CIDR: \(problem)")
      }
      return try allowed(.text(text), text, validation)
    case .fqdn:
      if let problem = fqdnProblem(text) { throw Refusal(message: problem) }
      return try allowed(.fqdn(text), text, validation)
    case .string:
      if let pattern = validation.pattern,
        text.range(of: "^(?:\(pattern))$", options: .regularExpression) == nil
      {
        throw Refusal(message: "does not match \(pattern)")
      }
      return try allowed(.text(text), text, validation)
    case .list:
      throw Refusal(message: "a list inside a list")
    }
  }

  private static func allowed(
    _ value: ParameterValue, _ text: String, _ validation: ParameterValidation
  ) throws(Refusal) -> ParameterValue {
    if let choices = validation.allowed, !choices.contains(text) {
      throw Refusal(message: "not one of the accepted values")
    }
    return value
  }

  /// Why `text` is not a `matchName`/`matchPattern` value (Cilium's `fqdn.go` rules), if not.
  static func fqdnProblem(_ text: String) -> String? {
    if text.isEmpty { return "not a DNS name: must not be empty" }
    if text.count > 255 { return "not a DNS name: must be no more than 255 characters" }
    let body = text.hasSuffix(".") ? String(text.dropLast()) : text
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*")
    for label in body.split(separator: ".", omittingEmptySubsequences: false) {
      if label.isEmpty {
        return "not a DNS name: has an empty label (a leading dot or two dots in a row)"
      }
      if let bad = label.first(where: { !allowed.contains($0) }) {
        return "not a DNS name: contains '\(bad)'"
      }
    }
    return nil
  }
}
