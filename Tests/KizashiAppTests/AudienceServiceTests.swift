import Foundation
import KizashiCore
import KizashiStore
import Testing

@testable import KizashiApp

/// Issue 27 §2 on Fixtures/audience-tiny (its README works each contact's keys). On 2026-10-01 the
/// targets are A1 (t1), A2 (t3), A3 (t2); A4 is not a target. The hashes are SHA-256 of the
/// normalised strings, computed apart from the code with coreutils, e.g.
/// `printf '%s' 'taro.yamada@alpha.co.jp' | sha256sum`.
@Suite("Audiences on a tiny workspace")
struct AudienceServiceTests {
    static let day = Day(iso: "2026-10-01")!

    // printf '%s' VALUE | sha256sum
    static let taro = "4ed4f9a6550299852ed6f7bf0fb212b3e6860a47574f371dde3e3696bccb11bc"  // taro.yamada@alpha.co.jp
    static let hanako = "230f9448e3a29c49271af06ec3ec3ec895ef8c57c4ecde7fa12808ab14f1fc71"  // hanako@alpha.co.jp
    static let john = "d20bac1282f6d8ab02b74ecc16727f7a73ea7f6b192439ecb250873146667d37"  // john@delta.com
    static let xy = "b972b3805b538e19fe8eaced33daaad03eec0f961973de3b471ece4e5cffb084"  // x@y.com
    static let p1Plus = "7d7350df0a907cf9cf79b40e32af0a5cc71886126b86babd1f2ccedd25d336c6"  // +81312345678
    static let p2Plus = "3d06a39d40790f11761295e053029378ae28c4b4f6f301693005e079f3d4ca64"  // +819012345678
    static let p4Plus = "9e1919ad78a34fd67a84bfbcf2fea14074065517bea32e92924771c3f92e5462"  // +14155550132
    static let p5Plus = "e8d4612843461999eefd96a316ed1b97a142e152473aebfe6cb220d6f484b109"  // +14155550199
    static let p1 = "62c407a403882b2b8611b5e7771a63fb7883984e4e25393e1ae4d218f5514610"  // 81312345678
    static let p2 = "0ad07193350775c6d4377f8b039d32877e66c69a454ed886b05279771c0fca0b"  // 819012345678
    static let p4 = "11072303eb5c8cb5c5a1ebb762f11b37b07131265b46fdfe1276196bfbd3ca51"  // 14155550132
    static let p5 = "93117e7a53ef7420099bb9ef64e079683ca1daed6fdd25595c01939eb5201206"  // 14155550199
    static let jp = "9732c83e3e03fffde2ee65a9d826df8c4dd623c27fb92b952fe62a02f0726f87"  // jp
    static let us = "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"  // us

    static let googleAds = """
        Email,Phone,First Name,Last Name,Country,Zip
        \(taro),\(p1Plus),,,JP,
        \(hanako),\(p2Plus),,,JP,
        \(john),\(p4Plus),,,US,
        ,\(p5Plus),,,US,
        \(xy),,,,,

        """

    static func service() async throws -> (AudienceService, any WorkspaceStore) {
        let (store, _) = try await Fixture.newStore()
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("audience-tiny"), options: .init(rejectedPath: nil))
        return (AudienceService(store: store, data: DashboardData(store: store)), store)
    }

    @Test("the live hasher is SHA-256 hex of the UTF-8 bytes")
    func hasher() {
        #expect(SHA256AudienceHasher().sha256Hex("taro.yamada@alpha.co.jp") == Self.taro)
        #expect(SHA256AudienceHasher().sha256Hex("+81312345678") == Self.p1Plus)
    }

    @Test("counts of the target list, one tier and a segment; an unknown segment is refused")
    func previews() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        let all = try await s.preview(.init(source: .targetList, day: Self.day))
        // Worked in the fixture's README: 6 contacts of A1–A3 (P7 is A4's), e-mails P1 P2 P4 P6,
        // phones P1 P2 P4 P5, either P1 P2 P4 P5 P6.
        #expect(
            all.counts
                == AudienceCounts(
                    accounts: 3, accountsWithDomain: 2, contacts: 6, contactsWithEmail: 4, contactsWithPhone: 4,
                    contactsWithKey: 5))
        let tier1 = try await s.preview(.init(source: .targetList, tier: .one, day: Self.day))
        #expect(
            tier1.counts
                == AudienceCounts(
                    accounts: 1, accountsWithDomain: 1, contacts: 3, contactsWithEmail: 2, contactsWithPhone: 2,
                    contactsWithKey: 2))
        _ = try await SegmentService(store: store, data: s.data).create(name: "海外", rule: "country:US")
        let us = try await s.preview(.init(source: .segment("海外"), day: Self.day))
        #expect(
            us.counts
                == AudienceCounts(
                    accounts: 1, accountsWithDomain: 1, contacts: 2, contactsWithEmail: 1, contactsWithPhone: 2,
                    contactsWithKey: 2))
        #expect(
            us.json.serialized()
                == #"{"from":"segment:海外","tier":null,"on":"2026-10-01","counts":{"accounts":1,"accounts_with_domain":1,"contacts":2,"contacts_with_email":1,"contacts_with_phone":2,"contacts_with_key":2}}"#
        )
        await #expect(throws: SegmentService.Refusal.unknown("nope")) {
            _ = try await s.preview(.init(source: .segment("nope"), day: Self.day))
        }
        // Before A1–A3 were added (2025-12-31) the target list is empty.
        #expect(try await s.preview(.init(source: .targetList, day: Day(iso: "2025-12-31")!)).counts.accounts == 0)
    }

    @Test("the google-ads and meta files hold the SHA-256 hex of the normalised keys, worked with sha256sum")
    func hashedFiles() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        let request = AudienceService.Request(source: .targetList, day: Self.day)
        #expect(try await s.export(request, format: .googleAds).file == Self.googleAds)
        #expect(
            try await s.export(request, format: .meta).file == """
                EMAIL,PHONE,FN,LN,COUNTRY
                \(Self.taro),\(Self.p1),,,\(Self.jp)
                \(Self.hanako),\(Self.p2),,,\(Self.jp)
                \(Self.john),\(Self.p4),,,\(Self.us)
                ,\(Self.p5),,,\(Self.us)
                \(Self.xy),,,,

                """)
        #expect(
            try await s.export(request, format: .linkedin).file == """
                companyname,companywebsite,companyemaildomain,linkedincompanypageurl,stocksymbol,industry,city,state,companycountry,zipcode
                株式会社アルファ,alpha.co.jp,alpha.co.jp,,,IT,,東京都,JP,
                "Delta, Inc.",delta.com,delta.com,,,IT,,CA,US,
                '=cmd Ltd,,,,,Retail,,,,

                """)
        // No activities: every score is 0.
        #expect(
            try await s.export(.init(source: .targetList, tier: .three, day: Self.day), format: .csv).file == """
                company_id,name,domain,industry,country,region,tier,score,contacts,contacts_with_email,contacts_with_phone
                A2,"Delta, Inc.",delta.com,IT,US,CA,3,0,2,1,2

                """)
    }

    @Test("a large audience is read by scanning the tables and gives the same files as one read per account")
    func scanned() async throws {
        let (s, store) = try await Self.service()
        defer { Task { try? await store.close() } }
        var scanning = s
        scanning.perAccountLimit = 0
        let request = AudienceService.Request(source: .targetList, day: Self.day)
        for format in AudienceFormat.allCases {
            let one = try await s.export(request, format: format),
                all = try await scanning.export(request, format: format)
            #expect(one.file == all.file && one.preview == all.preview, "\(format)")
        }
        #expect(try await scanning.export(request, format: .googleAds).file == Self.googleAds)
    }
}
