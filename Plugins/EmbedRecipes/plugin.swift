import Foundation
import PackagePlugin

/// Compiles the recipe files of a target's `Recipes` folder into the target as Swift string
/// literals (`embeddedRecipeFiles`), so that the installed `netpol` is one self-contained file.
@main
struct EmbedRecipes: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let target = target as? SourceModuleTarget else { return [] }
    let recipes = target.directoryURL.appending(path: "Recipes")
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRecipes")
    // A prebuild command runs before every build; it rewrites the generated file only when a
    // recipe changed, so an unchanged tree is not recompiled.
    let script = ##"""
      set -eu
      dir="$1"; out="$2"; mkdir -p "$out"; tmp="$out/.EmbeddedRecipes.swift.tmp"
      {
        printf '// Generated from the Recipes folder by the EmbedRecipes plugin; do not edit.\n'
        printf '/// The built-in recipe files as (file name, text), sorted by file name.\n'
        printf 'let embeddedRecipeFiles: [(String, String)] = [\n'
        for file in $(cd "$dir" && ls | LC_ALL=C sort); do
          case "$file" in *.yaml|*.yml) ;; *) continue ;; esac
          if grep -q '"""#' "$dir/$file"; then
            echo "error: $dir/$file contains \"\"\"#, which cannot be embedded" >&2; exit 1
          fi
          printf '  (\n    "%s",\n    #"""\n' "$file"
          cat "$dir/$file"
          printf '\n"""#\n  ),\n'
        done
        printf ']\n'
      } > "$tmp"
      if cmp -s "$tmp" "$out/EmbeddedRecipes.swift"; then rm -f "$tmp"; else mv "$tmp" "$out/EmbeddedRecipes.swift"; fi
      """##
    return [
      .prebuildCommand(
        displayName: "Embedding the recipe files of \(target.name)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "embed-recipes", recipes.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
