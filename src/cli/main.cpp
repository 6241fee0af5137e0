// tmkit: the command line. Parses arguments with CLI11, runs one subcommand, and maps errors
// to exit codes (0 ok, 1 findings, 2 usage or input error).
#include <cstdio>

#include "cli/commands.h"
#include "tmkit_version.h"
#include "util/error.h"

namespace tmkit::cli {

CLI::App* AddSubcommand(CLI::App& app, GlobalOptions& g, const std::string& name,
                        const std::string& description, const std::string& examples) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->footer("Examples:\n" + examples);
  sub->fallthrough();
  (void)g;
  return sub;
}

}  // namespace tmkit::cli

int main(int argc, char** argv) {
  using namespace tmkit::cli;
  CLI::App app{"tmkit " TMKIT_VERSION
               ": translation memories and glossaries for English, Chinese, Korean and any "
               "other language"};
  app.set_version_flag("--version", std::string("tmkit ") + TMKIT_VERSION);
  app.footer(
      "Examples:\n"
      "  tmkit import tmx/shangganling.en-zh-ko.tmx\n"
      "  tmkit show --limit 3\n"
      "  tmkit --db /tmp/tm export out.tmx --langs en,zh --srclang en\n"
      "  tmkit stats --format json\n"
      "  tmkit lookup \"the Korean War\" --from en --to ko\n"
      "Run 'tmkit COMMAND --help' for a command's options.\n"
      "Exit status: 0 success, 1 findings, 2 usage or input error.");
  GlobalOptions g;
  AddGlobalOptions(&app, &g);
  app.require_subcommand(1, 1);
  Runner run;
  AddImport(app, g, &run);
  AddExport(app, g, &run);
  AddExportOmegaT(app, g, &run);
  AddStats(app, g, &run);
  AddShow(app, g, &run);
  AddLookup(app, g, &run);
  AddConcordance(app, g, &run);
  AddSegment(app, g, &run);
  AddAlign(app, g, &run);
  AddPretranslate(app, g, &run);
  AddHarvest(app, g, &run);
  AddServe(app, g, &run);
  AddCheck(app, g, &run);
  AddTermCommands(app, g, &run);
  AddLexiconCommands(app, g, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A misspelt command reads as a missing one to CLI11: name it instead.
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "--db" || arg == "--format") {
        ++i;
        continue;
      }
      if (arg.empty() || arg[0] == '-') continue;
      std::string names;
      bool known = false;
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
        known = known || sub->get_name() == arg;
      }
      if (!known) {
        Fail("unknown command '" + arg + "' (commands: " + names + "; see tmkit --help)");
        return kExitError;
      }
      break;
    }
    if (e.get_exit_code() == 0) return app.exit(e) == 0 ? kExitOk : kExitError;  // --help, --version
    // One line, like every other error.
    std::string help = "tmkit";
    for (const CLI::App* sub : app.get_subcommands()) help += " " + sub->get_name();
    Fail(std::string(e.what()) + " (see " + help + " --help)");
    return kExitError;
  }
  int rc = kExitError;
  try {
    rc = run ? run() : kExitError;
  } catch (const tmkit::Error& e) {
    // Errors with a position read like a compiler's, "FILE:LINE:COL: message", which
    // editors and scripts can parse; others are "tmkit: message".
    if (e.where().line > 0) {
      std::fprintf(stderr, "%s\n", e.what());
    } else {
      Fail(e.what());
    }
  } catch (const std::exception& e) {
    Fail(std::string("internal error: ") + e.what());
  }
  // A command that failed stored nothing: a store it created for that is removed again.
  if (rc == kExitError) RemoveStoreCreatedInVain();
  return rc;
}
