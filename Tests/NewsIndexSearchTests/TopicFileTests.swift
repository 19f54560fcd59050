import NewsIndexSearch
import Testing

@Suite struct TopicFileTests {
  static let topics = """
    <top>
    <num> Number: 301
    <title> International Organized Crime

    <desc> Description:
    Identify organizations that participate in (international) criminal activity.

    <narr> Narrative:
    A relevant document must name the organization.
    </top>

    <top>
    <num> Number: 302 </num>
    <title> Poliomyelitis and "Post-Polio" AND -vaccine </title>
    <desc> Description: Is the disease under control? </desc>
    </top>
    """

  @Test func readsNumbersAndTitles() {
    #expect(TopicFile.isTopicFile(Self.topics))
    let queries = TopicFile.parse(Self.topics, field: .title)
    #expect(queries.map(\.id) == ["301", "302"])
    #expect(queries[0].text == "International Organized Crime")
    #expect(queries[0].lineNumber == 1)
    #expect(queries[1].lineNumber == 12)
  }

  @Test func queryOperatorsAndSyntaxBecomePlainWords() {
    let queries = TopicFile.parse(Self.topics, field: .title)
    #expect(queries[1].text == "Poliomyelitis and Post-Polio and vaccine")
  }

  @Test func descriptionOrBothCanBeChosen() {
    let description = TopicFile.parse(Self.topics, field: .description)
    #expect(description[0].text == "Identify organizations that participate in international criminal activity.")
    #expect(description[1].text == "Is the disease under control")
    let both = TopicFile.parse(Self.topics, field: .both)
    #expect(both[1].text == "Poliomyelitis and Post-Polio and vaccine Is the disease under control")
  }

  @Test func plainLinesAreNotTopicFiles() {
    #expect(!TopicFile.isTopicFile("1\tinterest rates\n"))
  }
}
