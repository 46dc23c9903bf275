package search

// Stop words are folded. The lists are short on purpose: function words
// that appear in nearly every article and carry no meaning for search.
var stopRO = setOf("a al ale alte ai am ca cat ce cea cei cel cele cu care de din dintre fara fi fie in intre la le mai nu o or pe prin sa se si sau sub un una unei unor unui va")

var stopPL = setOf("a aby albo ale ani bo by byc czy do go i ich ie im jak jako je jego jej jest lub ma na nad nie o od oraz po pod przez przy sa sie ta tak te tego ten to tu w we z za ze")

func setOf(words string) map[string]struct{} {
	m := map[string]struct{}{}
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' {
			if i > start {
				m[words[start:i]] = struct{}{}
			}
			start = i + 1
		}
	}
	return m
}

func isStop(folded string, lang Lang) bool {
	var ok bool
	if lang == Polish {
		_, ok = stopPL[folded]
	} else {
		_, ok = stopRO[folded]
	}
	return ok
}
