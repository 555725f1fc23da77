import Foundation
import NetpolRecipes

/// The recipe catalogue, read on first use (so start-up stays fast) and then kept.
public final class RecipeBook: @unchecked Sendable {
  private let lock = NSLock()
  private let loader: @Sendable () -> Result<RecipeCatalog, RecipeError>
  private var loaded: Result<RecipeCatalog, RecipeError>?

  /// Creates a book that reads its catalogue with `loader` when first asked.
  public init(loader: @escaping @Sendable () -> Result<RecipeCatalog, RecipeError>) {
    self.loader = loader
  }

  /// A book holding this catalogue.
  public convenience init(catalog: RecipeCatalog) {
    self.init(loader: { .success(catalog) })
  }

  /// The built-in recipes plus the user's (`$XDG_CONFIG_HOME/netpol/recipes`, when it exists).
  public static func standard() -> RecipeBook {
    RecipeBook {
      let directory = RecipeCatalog.defaultUserDirectory()
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
      return Result { () throws(RecipeError) -> RecipeCatalog in
        try RecipeCatalog.load(userDirectories: exists && isDirectory.boolValue ? [directory] : [])
          .0
      }
    }
  }

  /// The catalogue, or why it could not be read.
  public var catalog: Result<RecipeCatalog, RecipeError> {
    lock.lock()
    defer { lock.unlock() }
    if let loaded { return loaded }
    let result = loader()
    loaded = result
    return result
  }

  /// Recipe names and aliases with their parameter names, for completion (empty on errors).
  public var index: [String: [String]] {
    guard case .success(let catalog) = catalog else { return [:] }
    var result: [String: [String]] = [:]
    for recipe in catalog.recipes {
      let parameters = recipe.parameters.map(\.name)
      for name in [recipe.name] + recipe.aliases { result[name] = parameters }
    }
    return result
  }
}
