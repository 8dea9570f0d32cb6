

/* kb-browser: accent-insensitive matching for Material's built-in search, appended to
   lunr.multi.min.js, which Material's search worker loads for a site in several languages.
   Indexed words lose their accents after the stop-word filter; typed words lose theirs
   in the query lexer (Material adds a wildcard to every typed word, and lunr skips the
   pipeline for those). So "devolucion" finds "devolución", and so does "DEVOLUCIÓN". */
(function (lunr) {
  if (!lunr || !lunr.multiLanguage || lunr.multiLanguage.kbFoldsAccents) {
    return;
  }
  var marks = /[\u0300-\u036f]/g;
  var fold = function (text) {
    return text.normalize("NFD").replace(marks, "");
  };
  var foldAccents = function (token) {
    return token.update(fold);
  };
  lunr.Pipeline.registerFunction(foldAccents, "kb-fold-accents");

  var multiLanguage = lunr.multiLanguage;
  lunr.multiLanguage = function () {
    var setUp = multiLanguage.apply(this, arguments);
    return function () {
      setUp.apply(this, arguments);
      this.pipeline.add(foldAccents);
      if (this.searchPipeline) {
        this.searchPipeline.add(foldAccents);
      }
    };
  };
  lunr.multiLanguage.kbFoldsAccents = true;

  var sliceString = lunr.QueryLexer.prototype.sliceString;
  lunr.QueryLexer.prototype.sliceString = function () {
    return fold(sliceString.apply(this, arguments));
  };
})(self.lunr);
