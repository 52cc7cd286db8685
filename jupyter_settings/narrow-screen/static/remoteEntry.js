// Two Chairs: on a narrow screen (a phone, a small tablet) the lesson opens with the file
// browser closed, so the notebook has the width; the file browser is one tap away.
//
// A JupyterLab plugin needs no build tools when it uses nothing from JupyterLab's shared
// packages: this file is the whole "federated extension", the container that JupyterLab
// loads (window._JUPYTERLAB[name] with init and get), holding one plugin.
(function () {
  "use strict";
  // Below this width the file browser (about 250 px with its tab bar) leaves the notebook
  // too little room: at 390 px, 62 px.
  var NARROW_PX = 800;
  var plugin = {
    id: "two-chairs-narrow-screen:close-file-browser",
    description: "Closes the left sidebar when the course opens on a narrow screen.",
    autoStart: true,
    activate: function (app) {
      app.restored.then(function () {
        var shell = app.shell;
        // Notebook 7 and Voila have other shells; only JupyterLab's has a left area to close.
        if (window.innerWidth < NARROW_PX && shell && typeof shell.collapseLeft === "function") {
          shell.collapseLeft();
        }
      });
    },
  };
  var registry = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  registry["two-chairs-narrow-screen"] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (module !== "./extension") {
        return Promise.reject(new Error("two-chairs-narrow-screen has no module " + module));
      }
      // JupyterLab reads an ES module's default export: the list of plugins.
      return Promise.resolve(function () { return { __esModule: true, default: [plugin] }; });
    },
  };
})();
